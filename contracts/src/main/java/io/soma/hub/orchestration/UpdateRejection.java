package io.soma.hub.orchestration;

import io.temporal.failure.ApplicationFailure;
import java.util.Optional;
import java.util.Set;

/**
 * How an update validator refuses. The SDK reports an {@code ApplicationFailure} thrown by a
 * validator under the type of its internal wrapper, without details; any other exception keeps its
 * cause chain. So the validator throws this, with the real failure (its type, details) as its
 * cause; {@link #find} digs it out on the client.
 */
public final class UpdateRejection extends RuntimeException {

  public UpdateRejection(String message, String type, Object... details) {
    super(message, ApplicationFailure.newNonRetryableFailure(message, type, details));
  }

  /**
   * The same refusal for an update handler: validators do not run on replay, so a handler that
   * checks again fails its update with this (rather than failing the workflow task).
   */
  public ApplicationFailure failure() {
    return (ApplicationFailure) getCause();
  }

  /**
   * The first failure of one of these types in a cause chain (an update's rejection or failure), if
   * any.
   */
  public static Optional<ApplicationFailure> find(Throwable failure, Set<String> types) {
    for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
      if (cause instanceof ApplicationFailure application
          && types.contains(application.getType())) {
        return Optional.of(application);
      }
    }
    return Optional.empty();
  }
}
