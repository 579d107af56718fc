package io.soma.hub.orchestration.memory;

import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import java.time.Duration;
import java.util.Map;

/** Timeouts and bounded retries of the memory refresh activities. */
public final class MemoryRefreshActivityOptions {

  /**
   * A page of store reads and writes: pages are small, so a minute means the store is in trouble.
   */
  static final ActivityOptions STORE_PAGE =
      ActivityOptions.newBuilder()
          .setStartToCloseTimeout(Duration.ofSeconds(60))
          .setScheduleToCloseTimeout(Duration.ofMinutes(10))
          .setRetryOptions(
              RetryOptions.newBuilder()
                  .setInitialInterval(Duration.ofSeconds(1))
                  .setBackoffCoefficient(2.0)
                  .setMaximumInterval(Duration.ofSeconds(30))
                  .setMaximumAttempts(8)
                  .setDoNotRetry(IllegalArgumentException.class.getName())
                  .build())
          .build();

  /**
   * A page of embeddings: one provider call (HUB_EMBEDDINGS_TIMEOUT, 10 s by default) plus the
   * store writes. Fewer attempts than the store pages: a provider that is down stays down for a
   * while, and the refresh then completes with the lexical index and says why embedding stopped.
   */
  static final ActivityOptions EMBEDDINGS_PAGE =
      ActivityOptions.newBuilder()
          .setStartToCloseTimeout(Duration.ofSeconds(90))
          .setScheduleToCloseTimeout(Duration.ofMinutes(5))
          .setRetryOptions(
              RetryOptions.newBuilder()
                  .setInitialInterval(Duration.ofSeconds(2))
                  .setBackoffCoefficient(2.0)
                  .setMaximumInterval(Duration.ofSeconds(30))
                  .setMaximumAttempts(4)
                  .setDoNotRetry(
                      MemoryRefreshFailures.EMBEDDINGS_REJECTED,
                      IllegalArgumentException.class.getName())
                  .build())
          .build();

  static Map<String, ActivityOptions> byActivity() {
    return Map.of(MemoryRefreshActivities.EMBED_ENTRIES, EMBEDDINGS_PAGE);
  }

  private MemoryRefreshActivityOptions() {}
}
