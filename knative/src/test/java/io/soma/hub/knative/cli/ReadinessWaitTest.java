package io.soma.hub.knative.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.knative.client.KnativeClient;
import io.fabric8.knative.serving.v1.Service;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The wait after a deploy, for the outcomes only a running data plane produces (Ready,
 * RevisionFailed): the Serving controller is played on the mock server, since the local cluster has
 * no node to make anything Ready.
 */
@EnableKubernetesMockClient(crud = true)
class ReadinessWaitTest {

  KnativeClient client;
  final ByteArrayOutputStream progress = new ByteArrayOutputStream();

  @Test
  @DisplayName("a Service that becomes Ready ends the wait with its revision and URL")
  void ready() {
    try (FakeServingController controller = FakeServingController.start(client, "hub")) {
      FakeServingController.put(client, "hub", "hub-status", "reg/functions:1.0");

      Service ready = wait("hub-status", Duration.ofSeconds(10));

      assertThat(ready.getStatus().getLatestReadyRevisionName()).isEqualTo("hub-status-00001");
      assertThat(ServiceTable.traffic(ready)).isEqualTo("100% @latest (hub-status-00001)");
    }
  }

  @Test
  @DisplayName(
      "a Service that never becomes Ready fails at the timeout naming the condition, generation and status")
  void neverReadyTimesOut() {
    try (FakeServingController controller = FakeServingController.start(client, "hub")) {
      FakeServingController.put(client, "hub", "hub-status", "reg/stuck:1.0");

      assertThatThrownBy(() -> wait("hub-status", Duration.ofMillis(1500)))
          .isInstanceOf(CliFailure.class)
          .hasMessageContaining(
              "hub-status was not Ready within 1500ms (waited for Ready=True of generation 1): "
                  + "Ready=Unknown RevisionMissing: Configuration \"hub-status\" is waiting for a Revision to become ready.")
          .hasMessageContaining(
              "ConfigurationsReady=Unknown RevisionMissing", "RoutesReady=Unknown RevisionMissing");
      assertThat(progress.toString(StandardCharsets.UTF_8))
          .startsWith("waiting for hub-status Ready (");
    }
  }

  @Test
  @DisplayName("a terminal Ready=False fails at once with its reason, long before the timeout")
  void revisionFailedFailsFast() {
    try (FakeServingController controller = FakeServingController.start(client, "hub")) {
      FakeServingController.put(client, "hub", "hub-status", "reg/broken:1.0");
      long start = System.nanoTime();

      assertThatThrownBy(() -> wait("hub-status", Duration.ofSeconds(60)))
          .isInstanceOf(CliFailure.class)
          .hasMessageContaining(
              "hub-status failed: Ready=False RevisionFailed: Revision \"hub-status-00001\" "
                  + "failed with message: Back-off pulling image \"reg/broken:1.0\".");
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
    }
  }

  @Test
  @DisplayName("without a Serving controller the wait says no status was ever written")
  void noController() {
    FakeServingController.put(client, "hub", "hub-create-session", "reg/functions:1.0");

    assertThatThrownBy(() -> wait("hub-create-session", Duration.ofMillis(300)))
        .hasMessageContaining(
            "hub-create-session was not Ready within 300ms (waited for Ready=True of generation 1): "
                + "the controller has not observed generation 1 yet; last status: no conditions reported yet (is the "
                + "Knative Serving controller running?)");
  }

  private Service wait(String name, Duration timeout) {
    PrintStream out = new PrintStream(progress, true, StandardCharsets.UTF_8);
    return ReadinessWait.ready(new ServingApi(client, "hub"), Duration.ofMillis(10), out)
        .untilReady(name, timeout);
  }
}
