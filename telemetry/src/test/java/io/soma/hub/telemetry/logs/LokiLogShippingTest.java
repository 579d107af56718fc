package io.soma.hub.telemetry.logs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.core.Appender;
import io.soma.hub.testing.logs.VictoriaLogs;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;

/**
 * The listener every hub application gets from the telemetry module, run in a real Spring Boot
 * startup.
 */
class LokiLogShippingTest {

  @Configuration(proxyBeanMethods = false)
  static class App {}

  @AfterEach
  void removeTheAppender() {
    Logger root = root();
    Appender<?> appender = root.getAppender(HubLokiAppender.NAME);
    if (appender != null) {
      root.detachAppender(appender.getName());
      appender.stop();
    }
  }

  @Test
  void withLokiUrlTheApplicationsLinesReachTheLogStoreUnderItsName(@TempDir Path directory) {
    try (VictoriaLogs store = VictoriaLogs.startIn(directory);
        ConfigurableApplicationContext app =
            start(
                "spring.application.name=soma-hub-worker",
                "LOKI_URL=" + store.lokiUrl(),
                "HUB_ENV=test")) {
      LoggerFactory.getLogger("io.soma.hub.worker.Example").info("worker line for Loki");

      String query = "{app=\"soma-hub-worker\"} \"worker line for Loki\"";
      await().atMost(Duration.ofSeconds(15)).until(() -> store.query(query).size() == 1);
      assertThat(StoredLine.parse(store.query(query).get(0)).labels())
          .isEqualTo(Map.of("app", "soma-hub-worker", "namespace", "local", "env", "test"));
      assertThat(root().getAppender(HubLokiAppender.NAME)).isNotNull();
    }
  }

  @Test
  void withoutLokiUrlNothingIsAttached() {
    try (ConfigurableApplicationContext app = start("spring.application.name=soma-hub-functions")) {
      assertThat(root().getAppender(HubLokiAppender.NAME)).isNull();
    }
  }

  @Test
  void aMalformedLokiUrlStopsTheStartWithTheReason() {
    assertThatThrownBy(() -> start("LOKI_URL=loki:3100").close())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("LOKI_URL must be");
  }

  private static ConfigurableApplicationContext start(String... properties) {
    return new SpringApplicationBuilder(App.class)
        .web(WebApplicationType.NONE)
        .properties(properties)
        .run();
  }

  private static Logger root() {
    return ((LoggerContext) LoggerFactory.getILoggerFactory()).getLogger(Logger.ROOT_LOGGER_NAME);
  }
}
