package io.soma.hub.orchestration.campaign;

import io.soma.hub.orchestration.session.SessionFailures;
import io.soma.hub.orchestration.tools.ToolFailures;
import io.soma.hub.orchestration.tools.ToolSettings;
import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import java.time.Duration;
import java.util.Map;

/**
 * Timeouts and retries of the campaign's activities, derived from how long one tool call and one
 * model call can take. Retries are bounded in attempts and total time; failures retrying cannot fix
 * stop at once.
 */
public final class CampaignActivityOptions {

  /**
   * The most tool calls one module activity makes (tasks of a module, channels of a distribution).
   */
  public static final int MAX_CALLS_PER_MODULE = 10;

  public static final Duration DEFAULT_TOOL_CALL_TIMEOUT =
      ToolSettings.DEFAULT_CONNECT_TIMEOUT.plus(ToolSettings.DEFAULT_REQUEST_TIMEOUT);
  public static final Duration DEFAULT_MODEL_CALL_TIMEOUT = Duration.ofSeconds(125);

  static final int MODULE_ATTEMPTS = 5;
  static final int COMPENSATION_ATTEMPTS = 10;

  /** Beyond the calls: store reads and writes, and reporting the result. */
  private static final Duration OVERHEAD = Duration.ofSeconds(15);

  private static final Duration MODULE_MAX_BACKOFF = Duration.ofSeconds(30);
  private static final Duration COMPENSATION_MAX_BACKOFF = Duration.ofSeconds(60);

  private static final String[] NEVER_RETRIED = {
    ToolFailures.REJECTED,
    ToolFailures.MISCONFIGURED,
    CampaignFailures.INVALID_PLAN,
    CampaignFailures.DISTRIBUTION_FAILED,
    SessionFailures.MODEL_PROVIDER_REJECTED,
    SessionFailures.MODEL_PROVIDER_BAD_RESPONSE
  };

  private CampaignActivityOptions() {}

  /** Options of each module activity, by activity type. */
  public static Map<String, ActivityOptions> modules(Duration toolCall, Duration modelCall) {
    ActivityOptions toolModule =
        module(toolCall.multipliedBy(MAX_CALLS_PER_MODULE), Duration.ofSeconds(2));
    return Map.of(
        CampaignActivities.RUN_TASKS,
        toolModule,
        // a chat_completions task in a generic module and the content module's own model call
        CampaignActivities.CREATE_CONTENT,
        module(modelCall.plus(toolCall), Duration.ofSeconds(2)),
        CampaignActivities.DESIGN_ASSETS,
        toolModule,
        CampaignActivities.REQUEST_REVIEW,
        module(toolCall.multipliedBy(2), Duration.ofSeconds(2)),
        CampaignActivities.DISTRIBUTE,
        toolModule,
        // store writes only: short, and retried quickly
        CampaignActivities.TRACK_ANALYTICS,
        module(Duration.ofSeconds(15), Duration.ofSeconds(1)));
  }

  /**
   * The default for module activity types not in {@link #modules}: generic tasks may include a
   * model call.
   */
  public static ActivityOptions genericModule(Duration toolCall, Duration modelCall) {
    return module(
        toolCall.multipliedBy(MAX_CALLS_PER_MODULE).plus(modelCall), Duration.ofSeconds(2));
  }

  /**
   * Each compensation has its own options; all try harder than the modules, since a skipped undo
   * leaks.
   */
  public static Map<String, ActivityOptions> compensations(Duration toolCall) {
    return Map.of(
        CompensationActivities.UNDO_TASKS, compensation(toolCall, Duration.ofSeconds(2)),
        CompensationActivities.DELETE_CONTENT_DRAFTS, compensation(toolCall, Duration.ofSeconds(1)),
        CompensationActivities.DELETE_DESIGN_ASSETS, compensation(toolCall, Duration.ofSeconds(2)),
        CompensationActivities.CLOSE_REVIEW, compensation(toolCall, Duration.ofSeconds(2)),
        CompensationActivities.RETRACT_DISTRIBUTION,
            compensation(toolCall.multipliedBy(2), Duration.ofSeconds(5)),
        CompensationActivities.ARCHIVE_ANALYTICS, compensation(toolCall, Duration.ofSeconds(1)));
  }

  static ActivityOptions module(Duration calls, Duration initialBackoff) {
    return bounded(calls, initialBackoff, MODULE_MAX_BACKOFF, MODULE_ATTEMPTS);
  }

  static ActivityOptions compensation(Duration calls, Duration initialBackoff) {
    return bounded(calls, initialBackoff, COMPENSATION_MAX_BACKOFF, COMPENSATION_ATTEMPTS);
  }

  /**
   * Each attempt may take the calls plus {@link #OVERHEAD}; all attempts and the backoffs between
   * them together no more than {@code attempts} times an attempt and the longest backoff.
   */
  private static ActivityOptions bounded(
      Duration calls, Duration initialBackoff, Duration maxBackoff, int attempts) {
    Duration startToClose = calls.plus(OVERHEAD);
    return ActivityOptions.newBuilder()
        .setStartToCloseTimeout(startToClose)
        .setScheduleToCloseTimeout(startToClose.plus(maxBackoff).multipliedBy(attempts))
        .setRetryOptions(retries(initialBackoff, maxBackoff, attempts))
        .build();
  }

  private static RetryOptions retries(Duration initial, Duration maximum, int attempts) {
    return RetryOptions.newBuilder()
        .setInitialInterval(initial)
        .setBackoffCoefficient(2.0)
        .setMaximumInterval(maximum)
        .setMaximumAttempts(attempts)
        .setDoNotRetry(NEVER_RETRIED)
        .build();
  }
}
