package io.soma.hub.telemetry.logs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.soma.hub.testing.logs.VictoriaLogs;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.MDC;

/**
 * The line size the send queue is sized by (LokiBudget.MEASURED_LINE_BYTES): the bytes loki4j sent
 * over the lines the real log store took.
 */
class LokiLineSizeTest {

  private static final int LINES = 1_000;
  private static final String INGESTED_LINES = "vl_rows_ingested_total{type=\"loki_json\"}";

  @Test
  void aTypicalGatewayLineFitsTheSizeTheQueueIsSizedFor(@TempDir Path directory) {
    double pushedBytes;
    try (VictoriaLogs store = VictoriaLogs.startIn(directory);
        AppenderMeters meters = new AppenderMeters();
        ShippingLogger shipping =
            new ShippingLogger(store.lokiUrl(), LokiBudget.SIXTY_SECOND_OUTAGE)) {
      Thread requestThread =
          new Thread(
              () -> {
                for (int i = 0; i < LINES; i++) {
                  String session = UUID.randomUUID().toString();
                  MDC.put(LogKeys.TENANT_ID, "tenant-" + (i % 50));
                  MDC.put(LogKeys.SESSION_ID, session);
                  MDC.put(LogKeys.WORKFLOW_ID, "session-" + session);
                  shipping.logger.info(
                      "session {} accepted for tenant {}: workflow started in {} ms",
                      session,
                      "tenant-" + (i % 50),
                      i % 97);
                  MDC.clear();
                }
              },
              "http-nio-8080-exec-12");
      requestThread.start();
      await().atMost(Duration.ofSeconds(20)).until(() -> store.metric(INGESTED_LINES) == LINES);
      pushedBytes = meters.sentBytes(shipping.name);
    }
    double perLine = pushedBytes / LINES;
    System.out.printf(
        "loki push: %d lines in %.0f bytes, %.0f bytes a line%n", LINES, pushedBytes, perLine);
    assertThat(perLine).isLessThanOrEqualTo(LokiBudget.MEASURED_LINE_BYTES);
  }
}
