package io.soma.hub.functions.limits;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deletes the rows of buckets that have been idle long enough to be full again, every few minutes,
 * so that the table holds the tenants that were active lately rather than every tenant ever seen.
 * Deleting such a row changes no decision: a bucket created afresh is full too. Every function
 * instance sweeps; concurrent sweeps skip each other's locked rows.
 */
final class ExpiredBucketsSweeper implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(ExpiredBucketsSweeper.class);
  static final Duration INTERVAL = Duration.ofMinutes(5);
  private static final int BATCH = 1000;

  private final BucketStore store;
  private final ScheduledExecutorService timer =
      Executors.newSingleThreadScheduledExecutor(
          runnable -> {
            Thread thread = new Thread(runnable, "rate-limit-buckets-sweeper");
            thread.setDaemon(true);
            return thread;
          });

  /**
   * @param sweeping false: the limits are off, no bucket is written, so nothing is swept
   */
  ExpiredBucketsSweeper(BucketStore store, boolean sweeping) {
    this.store = store;
    if (sweeping) {
      timer.scheduleWithFixedDelay(
          this::sweep, INTERVAL.toSeconds(), INTERVAL.toSeconds(), TimeUnit.SECONDS);
    }
  }

  /** Returns the rows deleted. */
  int sweep() {
    int deleted = 0;
    try {
      int batch;
      do {
        batch = store.removeExpired(BATCH);
        deleted += batch;
      } while (batch == BATCH);
    } catch (RuntimeException e) {
      log.warn(
          "Could not delete expired rate limit buckets; the next sweep tries again: {}",
          e.getMessage());
    }
    return deleted;
  }

  @Override
  public void close() {
    timer.shutdownNow();
  }
}
