package io.soma.hub.flink.kafka;

import java.time.Duration;
import java.util.function.Supplier;

/**
 * Polls a condition with a generous limit: on a loaded two-core machine, a job may take long to get
 * going.
 */
final class Await {

  static final Duration LIMIT = Duration.ofMinutes(2);
  private static final Duration POLL = Duration.ofMillis(250);

  private Await() {}

  /**
   * Returns once {@code check} gives null; fails with the last thing it gave (what is missing)
   * after the limit.
   */
  static void until(Supplier<String> check) {
    long deadline = System.nanoTime() + LIMIT.toNanos();
    String missing;
    while ((missing = check.get()) != null) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("after " + LIMIT.toSeconds() + " s: " + missing);
      }
      pause(POLL);
    }
  }

  static void pause(Duration duration) {
    try {
      Thread.sleep(duration.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting", e);
    }
  }
}
