package io.soma.hub.telemetry.logs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.soma.hub.testing.logs.VictoriaLogs;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Beyond the queue budget, lines are dropped and counted, and the logging thread never waits: with
 * Loki answering 503 and a queue of five 4 KiB batches, appends keep returning, the overflow shows
 * in loki4j_drop_events_total, and once Loki is back every line is either in Loki or counted as
 * dropped.
 */
class LokiBackpressureTest {

  private static final int BURST = 100;
  private static final int OVERFLOW_LINES = 2_000;

  private static final LokiBudget TINY =
      new LokiBudget(
          20,
          4096,
          Duration.ofMillis(100),
          5 * 4096,
          1_000,
          Duration.ofMillis(100),
          Duration.ofMillis(200),
          0,
          Duration.ofSeconds(1),
          Duration.ofSeconds(1),
          Duration.ofSeconds(30));

  @Test
  void overflowIsDroppedAndCountedWithoutBlockingTheLoggingThread() {
    try (LokiPushCapture loki = new LokiPushCapture();
        AppenderMeters meters = new AppenderMeters()) {
      loki.answer(503);
      String appender;
      int appended = 0;
      try (ShippingLogger shipping = new ShippingLogger(loki.baseUrl(), TINY)) {
        appender = shipping.name;
        // loki4j refuses new lines once its encoder finds the send queue full; until then they wait
        // in its buffer.
        // So lines keep coming, as from a busy service, until the first refusal, and a while after
        // it.
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        int afterFirstDrop = -1;
        while (afterFirstDrop < OVERFLOW_LINES && System.nanoTime() < deadline) {
          for (int i = 0; i < BURST; i++, appended++) {
            shipping.logger.info(
                "line {} while Loki is unavailable, padded to a realistic gateway line length",
                appended);
          }
          if (afterFirstDrop >= 0) {
            afterFirstDrop += BURST;
          } else if (meters.dropped(appender) > 0) {
            afterFirstDrop = 0;
          }
          LockSupport.parkNanos(Duration.ofMillis(2).toNanos());
        }
        int total = appended;
        assertThat(meters.dropped(appender)).isGreaterThan(0).isLessThan(total);

        loki.accept();
        await()
            .atMost(Duration.ofSeconds(60))
            .until(() -> distinct(loki) + meters.dropped(appender) == total);
      }
      // At least once: a push whose answer timed out is sent again, and Loki keeps one of identical
      // entries.
      assertThat(distinct(loki) + (long) meters.dropped(appender)).isEqualTo(appended);
      assertThat(meters.batchesLost(appender)).isZero();
    }
  }

  @Test
  void stoppingWhileLokiIsGoneGivesUpAfterTheDrainTimeout(@TempDir Path directory) {
    LokiBudget oneSecondDrain =
        new LokiBudget(
            TINY.batchMaxItems(),
            TINY.batchMaxBytes(),
            TINY.batchTimeout(),
            TINY.sendQueueMaxBytes(),
            TINY.maxRetries(),
            TINY.minRetryBackoff(),
            TINY.maxRetryBackoff(),
            0,
            TINY.connectTimeout(),
            TINY.requestTimeout(),
            Duration.ofSeconds(1));
    try (VictoriaLogs store = VictoriaLogs.startIn(directory)) {
      ShippingLogger shipping = new ShippingLogger(store.lokiUrl(), oneSecondDrain);
      shipping.logger.info("a line that will never reach Loki");
      store.stop();
      // loki4j alone would wait for Loki for good; the shutdown of a process must not.
      assertTimeoutPreemptively(Duration.ofSeconds(30), shipping::close);
      assertThat(shipping.appender.isStarted()).isFalse();
    }
  }

  private static long distinct(LokiPushCapture loki) {
    return loki.lines().stream().map(line -> line.timestampNs() + line.line()).distinct().count();
  }
}
