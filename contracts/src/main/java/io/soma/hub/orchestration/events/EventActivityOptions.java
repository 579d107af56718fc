package io.soma.hub.orchestration.events;

import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import java.time.Duration;

/**
 * Timeouts and retries of {@link EventActivities#publish}. One attempt outlasts the producer's own
 * bound (block for metadata plus delivery timeout, see the events module), so the producer says why
 * it failed; the whole publish gives up after two minutes, so a broker outage delays a workflow by
 * that much at most, never for good.
 */
public final class EventActivityOptions {

  public static final Duration ATTEMPT = Duration.ofSeconds(45);
  public static final Duration TOTAL = Duration.ofMinutes(2);

  public static final ActivityOptions PUBLISH =
      ActivityOptions.newBuilder()
          .setStartToCloseTimeout(ATTEMPT)
          .setScheduleToCloseTimeout(TOTAL)
          .setRetryOptions(
              RetryOptions.newBuilder()
                  .setInitialInterval(Duration.ofSeconds(1))
                  .setBackoffCoefficient(2.0)
                  .setMaximumInterval(Duration.ofSeconds(15))
                  .build())
          .build();

  private EventActivityOptions() {}
}
