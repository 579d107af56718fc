package io.soma.hub.orchestration.wizard;

import io.temporal.failure.ApplicationFailure;

/**
 * How an update validator refuses. The SDK reports an {@code ApplicationFailure} thrown by a validator under the type
 * of its internal wrapper, without details; any other exception keeps its cause chain. So the validator throws this,
 * with the real failure (type from {@link WizardFailures}, details) as its cause; {@link WizardFailures#find} digs it
 * out on the client.
 */
public final class WizardRejection extends RuntimeException {

  public WizardRejection(String message, String type, Object... details) {
    super(message, ApplicationFailure.newNonRetryableFailure(message, type, details));
  }
}
