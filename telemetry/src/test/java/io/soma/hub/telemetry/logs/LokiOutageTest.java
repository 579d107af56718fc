package io.soma.hub.telemetry.logs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.soma.hub.testing.logs.VictoriaLogs;
import java.nio.file.Path;
import java.time.Duration;
import java.util.BitSet;
import java.util.List;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.MDC;

/**
 * A 60 s outage of the log store at 1,000 lines/s with the shipped budget: the real store's process
 * is stopped (its port refuses connections) and started again 60 s later on the same data. Every
 * line is in the store afterwards, and nothing is counted as dropped.
 */
class LokiOutageTest {

  private static final int LINES_PER_SECOND = 1_000;
  private static final int TICK_MS = 10;
  private static final int LINES_PER_TICK = LINES_PER_SECOND * TICK_MS / 1_000;

  @Test
  void aSixtySecondOutageAtAThousandLinesASecondLosesNoLine(@TempDir Path directory) {
    try (VictoriaLogs store = VictoriaLogs.startIn(directory);
        AppenderMeters meters = new AppenderMeters()) {
      String appender;
      int emitted = 0;
      try (ShippingLogger shipping =
          new ShippingLogger(store.lokiUrl(), LokiBudget.SIXTY_SECOND_OUTAGE)) {
        appender = shipping.name;
        Paced paced = new Paced(shipping);
        emitted = paced.emitFor(Duration.ofSeconds(5), emitted);
        store.stop();
        emitted = paced.emitFor(Duration.ofSeconds(60), emitted);
        store.start();
        emitted = paced.emitFor(Duration.ofSeconds(5), emitted);
        await().atMost(Duration.ofSeconds(60)).until(() -> meters.unsent(appender) == 0);
      }

      List<StoredLine> lines = StoredLine.of(store);
      BitSet received = new BitSet(emitted);
      lines.forEach(line -> received.set(line.sequence()));
      System.out.printf(
          "log store outage: %d lines emitted, %d distinct stored (%d stored lines), dropped %.0f, batches lost %.0f%n",
          emitted,
          received.cardinality(),
          lines.size(),
          meters.dropped(appender),
          meters.batchesLost(appender));
      assertThat(emitted).isGreaterThanOrEqualTo(69_000);
      assertThat(received.cardinality()).isEqualTo(emitted);
      assertThat(received.nextClearBit(0)).isEqualTo(emitted);
      assertThat(meters.dropped(appender)).isZero();
      assertThat(meters.batchesLost(appender)).isZero();
    }
  }

  /** Lines at a steady rate, numbered, with a gateway request's ids in the MDC. */
  private record Paced(ShippingLogger shipping) {

    int emitFor(Duration duration, int from) {
      long start = System.nanoTime();
      long ticks = duration.toMillis() / TICK_MS;
      int next = from;
      for (long tick = 0; tick < ticks; tick++) {
        long due = start + tick * TICK_MS * 1_000_000L;
        long wait = due - System.nanoTime();
        if (wait > 0) {
          LockSupport.parkNanos(wait);
        }
        for (int i = 0; i < LINES_PER_TICK; i++, next++) {
          MDC.put(LogKeys.TENANT_ID, "tenant-" + (next % 50));
          MDC.put(LogKeys.SESSION_ID, "5d0c6f1e-7a47-4c1b-9f0e-" + String.format("%012d", next));
          shipping.logger.info(
              "line {} of the outage run: session accepted, workflow started", next);
        }
        MDC.clear();
      }
      return next;
    }
  }
}
