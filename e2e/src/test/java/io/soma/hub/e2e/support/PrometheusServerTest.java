package io.soma.hub.e2e.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PrometheusServerTest {

  private static final String PROBE =
      "# HELP hub_probe A probe.\n# TYPE hub_probe gauge\nhub_probe 7\n";

  @Test
  void scrapesATargetAndAnswersQueries() throws IOException {
    HttpServer target =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    target.createContext(
        "/metrics",
        exchange -> {
          byte[] body = PROBE.getBytes(StandardCharsets.UTF_8);
          exchange.getResponseHeaders().add("Content-Type", "text/plain; version=0.0.4");
          exchange.sendResponseHeaders(200, body.length);
          exchange.getResponseBody().write(body);
          exchange.close();
        });
    target.start();
    try (PrometheusServer prometheus =
        PrometheusServer.scraping(Map.of("probe", "127.0.0.1:" + target.getAddress().getPort()))) {
      await().atMost(Duration.ofSeconds(30)).until(() -> prometheus.scrapes("probe"));

      assertThat(prometheus.value("hub_probe{job=\"probe\"}")).contains(7.0);
      assertThat(prometheus.value("hub_probe{job=\"absent\"}")).isEmpty();
    } finally {
      target.stop(0);
    }
  }

  @Test
  void promtoolPassesACleanExpositionAndNamesProblems() {
    assertThat(PromTool.checkMetrics(PROBE)).isEmpty();
    assertThat(
            PromTool.checkMetrics(
                "# HELP hub_requests Requests.\n# TYPE hub_requests counter\nhub_requests 7\n"))
        .contains("_total");
  }
}
