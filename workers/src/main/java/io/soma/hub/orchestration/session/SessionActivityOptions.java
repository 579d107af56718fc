package io.soma.hub.orchestration.session;

import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import java.time.Duration;
import java.util.Map;

/**
 * Timeouts and retries of every session activity. Retries are bounded in attempts and in total time, and the
 * failures that retrying cannot fix stop at once.
 */
public final class SessionActivityOptions {

  /** Longer than the provider's own request timeout, so the HTTP client gives up first and says why. */
  public static final Duration MODEL_COMPLETION_START_TO_CLOSE = Duration.ofSeconds(150);

  static final ActivityOptions POLICY =
      ActivityOptions.newBuilder()
          .setStartToCloseTimeout(Duration.ofSeconds(20))
          .setScheduleToCloseTimeout(Duration.ofMinutes(3))
          .setRetryOptions(
              retries(Duration.ofSeconds(1), Duration.ofSeconds(20), 8)
                  .setDoNotRetry(SessionFailures.POLICY_ENGINE_REJECTED, SessionFailures.WORKER_MISCONFIGURED)
                  .build())
          .build();

  static final ActivityOptions SCOPED_TOKEN =
      ActivityOptions.newBuilder()
          .setStartToCloseTimeout(Duration.ofSeconds(10))
          .setScheduleToCloseTimeout(Duration.ofMinutes(1))
          .setRetryOptions(
              retries(Duration.ofSeconds(1), Duration.ofSeconds(10), 5)
                  .setDoNotRetry(SessionFailures.WORKER_MISCONFIGURED)
                  .build())
          .build();

  static final ActivityOptions MODEL_COMPLETION =
      ActivityOptions.newBuilder()
          .setStartToCloseTimeout(MODEL_COMPLETION_START_TO_CLOSE)
          .setScheduleToCloseTimeout(Duration.ofMinutes(10))
          .setRetryOptions(
              retries(Duration.ofSeconds(2), Duration.ofSeconds(30), 5)
                  .setDoNotRetry(
                      SessionFailures.MODEL_PROVIDER_REJECTED,
                      SessionFailures.MODEL_PROVIDER_BAD_RESPONSE,
                      SessionFailures.WORKER_MISCONFIGURED)
                  .build())
          .build();

  static final ActivityOptions AUDIT =
      ActivityOptions.newBuilder()
          .setStartToCloseTimeout(Duration.ofSeconds(10))
          .setScheduleToCloseTimeout(Duration.ofMinutes(5))
          .setRetryOptions(retries(Duration.ofSeconds(1), Duration.ofSeconds(30), 10).build())
          .build();

  static final Map<String, ActivityOptions> BY_ACTIVITY =
      Map.of(
          SessionActivities.EVALUATE_POLICY, POLICY,
          SessionActivities.ISSUE_SCOPED_TOKEN, SCOPED_TOKEN,
          SessionActivities.COMPLETE_PROMPT, MODEL_COMPLETION,
          SessionActivities.EMIT_AUDIT_EVENT, AUDIT);

  private SessionActivityOptions() {}

  private static RetryOptions.Builder retries(Duration initial, Duration maximum, int attempts) {
    return RetryOptions.newBuilder()
        .setInitialInterval(initial)
        .setBackoffCoefficient(2.0)
        .setMaximumInterval(maximum)
        .setMaximumAttempts(attempts);
  }
}
