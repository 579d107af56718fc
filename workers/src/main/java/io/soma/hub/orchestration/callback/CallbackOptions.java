package io.soma.hub.orchestration.callback;

import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import java.time.Duration;

/**
 * A callback is tried for a day, the pause between attempts doubling from 2 s to 10 min: a receiver
 * down for an outage still gets it, and a receiver that will never answer costs about 150 attempts.
 */
public final class CallbackOptions {

  /** One attempt: connecting, sending, and the receiver's answer. */
  public static final Duration ATTEMPT_TIMEOUT = Duration.ofSeconds(30);

  static final ActivityOptions POST =
      ActivityOptions.newBuilder()
          .setStartToCloseTimeout(ATTEMPT_TIMEOUT)
          .setScheduleToCloseTimeout(Duration.ofDays(1))
          .setRetryOptions(
              RetryOptions.newBuilder()
                  .setInitialInterval(Duration.ofSeconds(2))
                  .setBackoffCoefficient(2)
                  .setMaximumInterval(Duration.ofMinutes(10))
                  .setDoNotRetry(
                      CallbackFailures.DESTINATION_REFUSED,
                      CallbackFailures.RECEIVER_GONE,
                      CallbackFailures.NOT_CONFIGURED)
                  .build())
          .build();

  private CallbackOptions() {}
}
