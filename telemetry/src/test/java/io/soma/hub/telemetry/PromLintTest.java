package io.soma.hub.telemetry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class PromLintTest {

  /** {@code problems.promtool} is what {@code promtool check metrics < problems.prom} (2.42) wrote to stderr. */
  @Test
  void reportsWhatPromtoolReports() throws IOException {
    assertThat(PromLint.problems(resource("problems.prom")))
        .containsExactlyElementsOf(resource("problems.promtool").lines().toList());
  }

  @Test
  void aCleanExpositionHasNoProblems() {
    String clean =
        """
        # HELP http_server_requests_seconds Requests served.
        # TYPE http_server_requests_seconds histogram
        http_server_requests_seconds_bucket{method="GET",le="0.5"} 1.0
        http_server_requests_seconds_bucket{method="GET",le="+Inf"} 1.0
        http_server_requests_seconds_count{method="GET"} 1.0
        http_server_requests_seconds_sum{method="GET"} 0.2
        # HELP http_server_requests_seconds_max Longest request.
        # TYPE http_server_requests_seconds_max gauge
        http_server_requests_seconds_max{method="GET"} 0.2
        # HELP gateway_moderation_strikes_total Strikes.
        # TYPE gateway_moderation_strikes_total counter
        gateway_moderation_strikes_total{tenant="acme"} 2.0
        """;

    assertThat(PromLint.problems(clean)).isEmpty();
  }

  @Test
  void aSecondHelpOrTypeLineFailsAsPromtoolsParserDoes() {
    assertThatThrownBy(() -> PromLint.problems("# HELP a_total x\n# TYPE a_total counter\na_total 1\n# HELP a_total y\n"))
        .hasMessage("text format parsing error in line 4: second HELP line for metric name \"a_total\"");
    assertThatThrownBy(() -> PromLint.problems("# HELP b x\nb 1\n# TYPE b gauge\n"))
        .hasMessageContaining("line 3: second TYPE line for metric name \"b\", or TYPE reported after samples");
  }

  private static String resource(String name) throws IOException {
    try (InputStream in = PromLintTest.class.getResourceAsStream("/promlint/" + name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
