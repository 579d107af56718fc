package io.soma.hub.e2e.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import org.junit.jupiter.api.Test;

class TemporalDevServerTest {

  @Test
  void keepsItsStateInTheSqliteFileAcrossStopAndKill() {
    try (TemporalDevServer temporal = TemporalDevServer.start()) {
      assertThat(temporal.namespaceExists(TemporalDevServer.NAMESPACE)).isTrue();
      assertThat(Files.exists(temporal.databaseFile())).isTrue();
      temporal.createNamespace("e2e-persisted");

      temporal.restart();

      assertThat(temporal.namespaceExists("e2e-persisted")).isTrue();

      temporal.kill9();

      assertThat(temporal.isAlive()).isFalse();
      temporal.startAgain();
      assertThat(temporal.namespaceExists("e2e-persisted")).isTrue();
      assertThat(temporal.namespaceExists("never-created")).isFalse();
    }
  }
}
