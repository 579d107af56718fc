package io.soma.hub.telemetry.logs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

/** The line size the send queue is sized by (LokiBudget.MEASURED_LINE_BYTES), measured on the wire. */
class LokiLineSizeTest {

  private static final int LINES = 1_000;

  @Test
  void aTypicalGatewayLineFitsTheSizeTheQueueIsSizedFor() {
    long pushedBytes;
    try (LokiPushCapture loki = new LokiPushCapture();
        ShippingLogger shipping = new ShippingLogger(loki.baseUrl(), LokiBudget.SIXTY_SECOND_OUTAGE)) {
      Thread requestThread =
          new Thread(
              () -> {
                for (int i = 0; i < LINES; i++) {
                  String session = UUID.randomUUID().toString();
                  MDC.put(LogKeys.TENANT_ID, "tenant-" + (i % 50));
                  MDC.put(LogKeys.SESSION_ID, session);
                  MDC.put(LogKeys.WORKFLOW_ID, "session-" + session);
                  shipping.logger.info(
                      "session {} accepted for tenant {}: workflow started in {} ms", session, "tenant-" + (i % 50), i % 97);
                  MDC.clear();
                }
              },
              "http-nio-8080-exec-12");
      requestThread.start();
      await().atMost(Duration.ofSeconds(20)).until(() -> loki.lines().size() == LINES);
      pushedBytes = loki.pushedBytes();
    } 
    double perLine = (double) pushedBytes / LINES;
    System.out.printf("loki push: %d lines in %d bytes, %.0f bytes a line%n", LINES, pushedBytes, perLine);
    assertThat(perLine).isLessThanOrEqualTo(LokiBudget.MEASURED_LINE_BYTES);
  }
}
