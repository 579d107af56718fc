package io.soma.hub.telemetry.logs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class LokiTargetTest {

  @Test
  void noLokiUrlMeansNoShipping() {
    assertThat(from(Map.of())).isEmpty();
    assertThat(from(Map.of("LOKI_URL", "  "))).isEmpty();
  }

  @Test
  void aBaseUrlGetsThePushPathAndAPushUrlIsKept() {
    assertThat(from(Map.of("LOKI_URL", "http://loki.observability:3100")).orElseThrow().pushUrl())
        .isEqualTo(URI.create("http://loki.observability:3100/loki/api/v1/push"));
    assertThat(from(Map.of("LOKI_URL", "https://logs.example.com/")).orElseThrow().pushUrl())
        .isEqualTo(URI.create("https://logs.example.com/loki/api/v1/push"));
    assertThat(
            from(Map.of("LOKI_URL", " http://127.0.0.1:3100/loki/api/v1/push "))
                .orElseThrow()
                .pushUrl())
        .isEqualTo(URI.create("http://127.0.0.1:3100/loki/api/v1/push"));
    // VictoriaLogs' push URL: under /insert, with its ingestion options.
    String victoriaLogs = "http://127.0.0.1:9428/insert/loki/api/v1/push?_msg_field=message";
    assertThat(from(Map.of("LOKI_URL", victoriaLogs)).orElseThrow().pushUrl())
        .isEqualTo(URI.create(victoriaLogs));
  }

  @Test
  void labelsComeFromTheEnvironmentWithLocalDefaults() {
    LokiTarget defaults = from(Map.of("LOKI_URL", "http://loki:3100")).orElseThrow();
    assertThat(defaults)
        .extracting(LokiTarget::app, LokiTarget::namespace, LokiTarget::env)
        .containsExactly("soma-hub-worker", "local", "local");
    LokiTarget pod =
        from(Map.of("LOKI_URL", "http://loki:3100", "POD_NAMESPACE", "soma-hub", "HUB_ENV", "prod"))
            .orElseThrow();
    assertThat(pod)
        .extracting(LokiTarget::namespace, LokiTarget::env)
        .containsExactly("soma-hub", "prod");
    LokiTarget named =
        from(Map.of("LOKI_URL", "http://loki:3100", "POD_NAMESPACE", "x", "HUB_NAMESPACE", "hub"))
            .orElseThrow();
    assertThat(named.namespace()).isEqualTo("hub");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "loki:3100",
        "ftp://loki:3100",
        "http://",
        "http://user:password@loki:3100",
        "http://loki:3100/api/push",
        "http://loki:3100/?tenant=a",
        "http://loki:3100/loki/api/v1/push/more",
        "http://lo ki:3100"
      })
  void aMalformedLokiUrlStopsTheProcessWithTheReason(String url) {
    assertThatThrownBy(() -> from(Map.of("LOKI_URL", url)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("LOKI_URL must be");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "prod env",
        "-prod",
        "prod{x}",
        "a-label-value-that-is-far-too-long-to-be-a-readable-label-value-really"
      })
  void aLabelValueThatIsNotAPlainNameIsRefused(String env) {
    assertThatThrownBy(() -> from(Map.of("LOKI_URL", "http://loki:3100", "HUB_ENV", env)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("the Loki label env");
  }

  private static Optional<LokiTarget> from(Map<String, String> environment) {
    return LokiTarget.from(environment::get, "soma-hub-worker");
  }
}
