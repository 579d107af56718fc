package io.soma.hub.e2e.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.soma.hub.testing.cluster.Ports;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HubProcessTest {

  @Test
  void waitsForReadinessStopsGracefullyAndRestarts() throws Exception {
    int port = Ports.free();
    try (HubProcess process = readyServer("ready-server", port, Map.of("READY_AFTER_MS", "1500"))) {
      process.start();
      long firstPid = process.pid();

      process.restart();

      assertThat(process.pid()).isNotEqualTo(firstPid);
      assertThat(Files.readString(process.log())).contains("stopped gracefully");
      process.stop();
      assertThat(process.isAlive()).isFalse();
    }
  }

  @Test
  void aKilledProcessGetsNoGracefulStopAndCanStartAgain() throws Exception {
    int port = Ports.free();
    try (HubProcess process = readyServer("killed-server", port, Map.of())) {
      process.start();

      process.kill9();

      assertThat(process.isAlive()).isFalse();
      assertThat(Files.readString(process.log())).doesNotContain("stopped gracefully");
      process.start();
      assertThat(process.isAlive()).isTrue();
    }
  }

  @Test
  void aProcessThatDiesWhileStartingFailsWithItsLogTail() {
    HubProcess process =
        readyServer("failing-server", Ports.free(), Map.of("EXIT_EARLY", "no database"));

    assertThatThrownBy(process::start)
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("failing-server exited with 3")
        .hasMessageContaining("boom: no database");
  }

  @Test
  void aProcessThatIsNeverReadyFailsAfterTheTimeoutAndIsStopped() {
    HubProcess process =
        readyServer("slow-server", Ports.free(), Map.of("READY_AFTER_MS", "600000"))
            .readinessTimeout(Duration.ofSeconds(3));

    assertThatThrownBy(process::start).hasMessageContaining("did not answer 200");
    assertThat(process.isAlive()).isFalse();
  }

  @Test
  void theDevelopersHubVariablesDoNotLeakIntoTheProcess() throws Exception {
    // The test JVM may carry HUB_* variables (./hub test sets some); the child sees only what it is
    // given.
    try (HubProcess process = readyServer("clean-env-server", Ports.free(), Map.of())) {
      process.start();
      assertThat(Files.readString(process.log())).contains("HUB_LEAK=null");
    }
  }

  private static HubProcess readyServer(String name, int port, Map<String, String> environment) {
    Map<String, String> all = new java.util.HashMap<>(environment);
    all.put("PORT", Integer.toString(port));
    return HubProcess.java(
        name,
        List.of("-cp", testClasses().toString(), ReadyServerMain.class.getName()),
        all,
        URI.create("http://127.0.0.1:" + port + "/health/readiness"));
  }

  private static Path testClasses() {
    try {
      return Path.of(
          ReadyServerMain.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }
}
