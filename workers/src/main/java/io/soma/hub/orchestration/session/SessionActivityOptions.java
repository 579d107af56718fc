package io.soma.hub.orchestration.session;

import io.temporal.activity.ActivityCancellationType;
import io.temporal.activity.ActivityOptions;
import io.temporal.activity.LocalActivityOptions;
import io.temporal.common.RetryOptions;
import java.time.Duration;
import java.util.Map;

/**
 * Timeouts and retries of every session activity. Retries are bounded in attempts and in total
 * time, and the failures that retrying cannot fix stop at once.
 */
public final class SessionActivityOptions {

  /**
   * What a provider call may take with the default HUB_MODEL_CONNECT_TIMEOUT (5 s) and
   * HUB_MODEL_TIMEOUT (120 s).
   */
  public static final Duration DEFAULT_MODEL_PROVIDER_TIMEOUT = Duration.ofSeconds(125);

  /**
   * How often a waiting completion tells Temporal it is alive; well inside the heartbeat timeout.
   */
  public static final Duration MODEL_COMPLETION_HEARTBEAT_INTERVAL = Duration.ofSeconds(2);

  /**
   * A completion whose worker died (kill -9, lost node) is retried elsewhere after this, not after
   * its full time.
   */
  static final Duration MODEL_COMPLETION_HEARTBEAT_TIMEOUT = Duration.ofSeconds(10);

  static final int MODEL_COMPLETION_ATTEMPTS = 5;

  private static final Duration MODEL_COMPLETION_MAX_BACKOFF = Duration.ofSeconds(30);

  /** Beyond the provider call: the store lookup and record, and reporting the result. */
  private static final Duration MODEL_COMPLETION_OVERHEAD = Duration.ofSeconds(15);

  static final ActivityOptions POLICY =
      ActivityOptions.newBuilder()
          .setStartToCloseTimeout(Duration.ofSeconds(20))
          .setScheduleToCloseTimeout(Duration.ofMinutes(3))
          .setRetryOptions(
              retries(Duration.ofSeconds(1), Duration.ofSeconds(20), 8)
                  .setDoNotRetry(
                      SessionFailures.POLICY_ENGINE_REJECTED, SessionFailures.WORKER_MISCONFIGURED)
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

  /**
   * One attempt may last as long as the provider call can (so the HTTP client gives up first and
   * says why) plus the overhead, and every attempt may use its full time within the
   * schedule-to-close. A cancelled session does not wait for the provider: the attempt is asked to
   * stop (its next heartbeat tells it, and it cancels the call) and the workflow goes on at once,
   * abandoning an attempt that cannot heartbeat any more.
   *
   * @param providerTimeout the longest a provider call can take: its connect and request timeouts
   */
  public static ActivityOptions modelCompletion(Duration providerTimeout) {
    Duration startToClose = providerTimeout.plus(MODEL_COMPLETION_OVERHEAD);
    return ActivityOptions.newBuilder()
        .setStartToCloseTimeout(startToClose)
        .setHeartbeatTimeout(MODEL_COMPLETION_HEARTBEAT_TIMEOUT)
        .setCancellationType(ActivityCancellationType.TRY_CANCEL)
        .setScheduleToCloseTimeout(
            startToClose.plus(MODEL_COMPLETION_MAX_BACKOFF).multipliedBy(MODEL_COMPLETION_ATTEMPTS))
        .setRetryOptions(
            retries(Duration.ofSeconds(2), MODEL_COMPLETION_MAX_BACKOFF, MODEL_COMPLETION_ATTEMPTS)
                .setDoNotRetry(
                    SessionFailures.MODEL_PROVIDER_REJECTED,
                    SessionFailures.MODEL_PROVIDER_BAD_RESPONSE,
                    SessionFailures.WORKER_MISCONFIGURED)
                .build())
        .build();
  }

  static final ActivityOptions AUDIT =
      ActivityOptions.newBuilder()
          .setStartToCloseTimeout(Duration.ofSeconds(10))
          .setScheduleToCloseTimeout(Duration.ofMinutes(5))
          .setRetryOptions(retries(Duration.ofSeconds(1), Duration.ofSeconds(30), 10).build())
          .build();

  static Map<String, ActivityOptions> byActivity(Duration modelProviderTimeout) {
    return Map.of(
        SessionActivities.EVALUATE_POLICY, POLICY,
        SessionActivities.ISSUE_SCOPED_TOKEN, SCOPED_TOKEN,
        SessionActivities.COMPLETE_PROMPT, modelCompletion(modelProviderTimeout),
        SessionActivities.ANSWER_TURN, modelCompletion(modelProviderTimeout),
        SessionActivities.EMIT_AUDIT_EVENT, AUDIT);
  }

  /**
   * The steps a session runs as local activities (the lean path, {@link
   * SessionWorkflowImpl#LEAN_PATH}): the short ones, each a call of a few milliseconds, with the
   * same timeouts and retries as their activities. A local activity runs in the workflow task of
   * the worker that runs the workflow: no task of its own to schedule, dispatch and report. The
   * completion stays an activity: it waits on a provider for minutes and heartbeats meanwhile.
   */
  static Map<String, LocalActivityOptions> localByActivity() {
    return Map.of(
        SessionActivities.EVALUATE_POLICY, local(POLICY),
        SessionActivities.ISSUE_SCOPED_TOKEN, local(SCOPED_TOKEN),
        SessionActivities.EMIT_AUDIT_EVENT, local(AUDIT),
        SessionActivities.RESUME_CONVERSATION, local(AUDIT));
  }

  static LocalActivityOptions local(ActivityOptions options) {
    return LocalActivityOptions.newBuilder()
        .setStartToCloseTimeout(options.getStartToCloseTimeout())
        .setScheduleToCloseTimeout(options.getScheduleToCloseTimeout())
        .setRetryOptions(options.getRetryOptions())
        .build();
  }

  private SessionActivityOptions() {}

  private static RetryOptions.Builder retries(Duration initial, Duration maximum, int attempts) {
    return RetryOptions.newBuilder()
        .setInitialInterval(initial)
        .setBackoffCoefficient(2.0)
        .setMaximumInterval(maximum)
        .setMaximumAttempts(attempts);
  }
}
