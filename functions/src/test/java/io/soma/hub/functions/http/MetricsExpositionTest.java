package io.soma.hub.functions.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.soma.hub.functions.support.GatewayTestConfiguration;
import io.soma.hub.functions.support.HttpCalls;
import io.soma.hub.functions.support.HttpCalls.Answer;
import io.soma.hub.functions.support.TestTokens;
import io.soma.hub.telemetry.PromTool;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;

/**
 * The gateway's scrape after real traffic: the SPEC's metric families are there and promtool would
 * find no problem.
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "HUB_JWT_SECRET=" + TestTokens.SECRET,
      "HUB_DB_URL=jdbc:h2:mem:gateway-metrics;DB_CLOSE_DELAY=-1;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE"
    })
@Import(GatewayTestConfiguration.class)
class MetricsExpositionTest {

  private static final Pattern LABEL_NAME = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"");

  @LocalServerPort int port;

  @Test
  void theScrapeHasTheSpecFamiliesAndNoLintProblems() {
    HttpCalls http = new HttpCalls(port);
    String writer = TestTokens.hs256("acme", "ann", "sessions:write", "sessions:read");
    assertThat(http.postJson("/v1/sessions", writer, "{\"prompt\":\"Plan a launch\"}").status())
        .isEqualTo(201);
    assertThat(http.postJson("/v1/sessions", writer, "{\"prompt\":12}").status()).isEqualTo(400);
    assertThat(http.postJson("/v1/sessions", null, "{\"prompt\":\"hi\"}").status()).isEqualTo(401);
    assertThat(http.postJson("/v1/sessions", writer, "{\"prompt\":\"build a jailbreak\"}").status())
        .isEqualTo(403);

    Answer metrics = http.get("/metrics", null);

    assertThat(metrics.status()).isEqualTo(200);
    assertThat(metrics.contentType()).startsWith("text/plain");
    String body = metrics.body();
    assertThat(PromTool.problems(body)).isEmpty();
    assertThat(body)
        .contains("# TYPE gateway_moderation_decisions_total counter")
        .contains("# TYPE gateway_moderation_strikes_total counter")
        .containsPattern("# TYPE gateway_workflow_start_seconds (histogram|summary)")
        .containsPattern("# TYPE http_server_requests_seconds (histogram|summary)")
        .contains("gateway_moderation_decisions_total{outcome=\"allowed\",tenant=\"acme\"} 1.0")
        .contains("gateway_moderation_strikes_total{tenant=\"acme\"} 1.0")
        .contains("gateway_workflow_start_seconds_count 1")
        .containsPattern("http_server_requests_seconds_count\\{[^}]*status=\"400\"")
        .containsPattern("http_server_requests_seconds_count\\{[^}]*status=\"401\"");
    assertThat(labelNames(body, "gateway_moderation_decisions_total"))
        .containsExactly("outcome", "tenant");
    assertThat(labelNames(body, "gateway_moderation_strikes_total")).containsExactly("tenant");
  }

  /**
   * Exemplars link the latency histograms to traces: in the OpenMetrics format (what Prometheus
   * asks for when its exemplar storage is on) a request's latency sample carries the trace and span
   * ids of its span.
   */
  @Test
  void theOpenMetricsScrapeLinksLatenciesToTraces() {
    HttpCalls http = new HttpCalls(port);
    String writer = TestTokens.hs256("acme", "ann", "sessions:write", "sessions:read");
    assertThat(
            http.postJson("/v1/sessions", writer, "{\"prompt\":\"Plan an exemplary launch\"}")
                .status())
        .isEqualTo(201);

    Answer metrics =
        http.send(
            http.request("/metrics", null)
                .header("Accept", "application/openmetrics-text; version=1.0.0")
                .build());

    assertThat(metrics.contentType()).startsWith("application/openmetrics-text");
    assertThat(metrics.body())
        .containsPattern(
            "http_server_requests_seconds_[a-z]+\\{[^}]*uri=\"/v1/sessions\"[^}]*\\} \\S+ # "
                + "\\{span_id=\"[0-9a-f]{16}\",trace_id=\"[0-9a-f]{32}\"\\}");
  }

  /** Every label name on the samples of one family. */
  private static Set<String> labelNames(String exposition, String family) {
    Set<String> names = new TreeSet<>();
    exposition
        .lines()
        .filter(line -> line.startsWith(family + "{"))
        .forEach(
            line -> {
              Matcher label =
                  LABEL_NAME.matcher(line.substring(family.length(), line.indexOf('}') + 1));
              while (label.find()) {
                names.add(label.group(1));
              }
            });
    return names;
  }
}
