package io.soma.hub.orchestration.session;

import io.temporal.activity.ActivityExecutionContext;
import io.temporal.client.ActivityCompletionException;
import io.temporal.failure.ApplicationFailure;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Waits in an activity for work that runs elsewhere (a provider call), heartbeating while it waits.
 * Temporal then notices a dead worker within the heartbeat timeout, and the activity learns through
 * the heartbeat when its attempt is cancelled or already timed out; the pending work is cancelled
 * before the activity gives up.
 */
final class HeartbeatingWait {

  private HeartbeatingWait() {}

  /**
   * The heartbeat details are the seconds waited so far, visible in the pending activity's
   * description.
   */
  static <T> T await(
      CompletableFuture<T> pending, ActivityExecutionContext context, Duration interval) {
    return await(pending, context, interval, () -> {}, interval);
  }

  /**
   * The same, also running {@code tick} every {@code tickEvery} while it waits, on the waiting
   * thread.
   */
  static <T> T await(
      CompletableFuture<T> pending,
      ActivityExecutionContext context,
      Duration interval,
      Runnable tick,
      Duration tickEvery) {
    long startedNanos = System.nanoTime();
    long lastBeatNanos = startedNanos;
    try {
      while (true) {
        try {
          return pending.get(tickEvery.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException stillWaiting) {
          tick.run();
          long now = System.nanoTime();
          if (now - lastBeatNanos >= interval.toNanos()) {
            lastBeatNanos = now;
            context.heartbeat(TimeUnit.NANOSECONDS.toSeconds(now - startedNanos));
          }
        }
      }
    } catch (ActivityCompletionException stop) {
      pending.cancel(true);
      throw stop;
    } catch (InterruptedException e) {
      pending.cancel(true);
      Thread.currentThread().interrupt();
      throw ApplicationFailure.newFailure(
          "interrupted while waiting for the model provider",
          SessionFailures.MODEL_PROVIDER_UNAVAILABLE);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException failure) {
        throw failure;
      }
      if (e.getCause() instanceof Error error) {
        throw error;
      }
      throw new IllegalStateException(e.getCause());
    }
  }
}
