package io.soma.hub.e2e.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import io.soma.hub.e2e.support.HubJars;
import io.soma.hub.e2e.support.HubProcess;
import io.soma.hub.e2e.support.ListeningSockets;
import io.soma.hub.e2e.support.LocalHub;
import io.soma.hub.e2e.support.LocalTokens;
import io.soma.hub.e2e.support.RequiresHubJars;
import io.soma.hub.testing.cluster.Ports;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * In local mode every port a hub process opens is on loopback: the functions' and the worker's HTTP
 * servers, the embedded database's TCP server (H2's AUTO_SERVER) and the worker's embedded Temporal
 * server; {@code HUB_BIND} opens them wider on purpose.
 */
@RequiresHubJars
class LocalModeListensOnLoopbackTest {

  @Test
  void functionsAndWorkerListenOnLoopbackOnly() {
    try (LocalHub hub = LocalHub.builder().quickStartJvms().start()) {
      List<String> functions = ListeningSockets.of(hub.functions().pid());
      List<String> worker = ListeningSockets.of(hub.worker().pid());

      assertThat(functions)
          .as("the functions' listening sockets")
          .isNotEmpty()
          .allMatch(ListeningSockets::loopback);
      assertThat(worker)
          .as("the worker's listening sockets")
          .isNotEmpty()
          .allMatch(ListeningSockets::loopback);
    }
  }

  @Test
  void theEmbeddedTemporalServerListensOnLoopbackAndHubBindOpensIt() throws Exception {
    Path data = Files.createTempDirectory("hub-bind");
    int temporalPort = Ports.free();
    int workerPort = Ports.free();
    Map<String, String> environment =
        Map.of(
            "HUB_LOCAL_MODE",
            "true",
            "HUB_JWT_SECRET",
            LocalTokens.withRandomSecret().secret(),
            "HUB_DATA_DIR",
            data.toString(),
            "HUB_TEMPORAL_EMBEDDED",
            "true",
            "HUB_TEMPORAL_ADDRESS",
            "127.0.0.1:" + temporalPort,
            "HUB_WORKER_PORT",
            Integer.toString(workerPort));
    URI readiness = URI.create("http://127.0.0.1:" + workerPort + "/health/readiness");
    try (HubProcess worker =
        HubProcess.jar("worker-embedded", HubJars.worker(), environment, readiness).start()) {
      List<String> sockets = ListeningSockets.of(worker.pid());

      assertThat(sockets)
          .as("the worker's sockets, its Temporal among them")
          .anyMatch(s -> s.endsWith(":" + temporalPort))
          .allMatch(ListeningSockets::loopback);
    }

    int functionsPort = Ports.free();
    Map<String, String> wide =
        Map.of(
            "HUB_LOCAL_MODE", "true",
            "HUB_BIND", "0.0.0.0",
            "HUB_JWT_SECRET", LocalTokens.withRandomSecret().secret(),
            "HUB_DATA_DIR", data.toString(),
            "PORT", Integer.toString(functionsPort));
    URI functionsReadiness = URI.create("http://127.0.0.1:" + functionsPort + "/health/readiness");
    try (HubProcess functions =
        HubProcess.jar("functions-bound", HubJars.functions(), wide, functionsReadiness).start()) {
      // 0.0.0.0 is every interface; Java listens dual-stack there, on [::].
      assertThat(ListeningSockets.of(functions.pid()))
          .containsAnyOf("0.0.0.0:" + functionsPort, "[::]:" + functionsPort);
    }
  }
}
