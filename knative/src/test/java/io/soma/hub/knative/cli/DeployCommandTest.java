package io.soma.hub.knative.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.knative.client.KnativeClient;
import io.fabric8.knative.serving.v1.Service;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@EnableKubernetesMockClient(crud = true)
class DeployCommandTest {

  KnativeClient client;
  FakeServingController controller;

  @BeforeEach
  void startController() {
    controller = FakeServingController.start(client, "hub");
  }

  @AfterEach
  void stopController() {
    controller.close();
  }

  @Test
  @DisplayName("deploy --function creates that function's Service with the image and waits until it is Ready")
  void deploysOneFunction() {
    CliRun run = CliRun.run(client, "deploy", "--function", "createSession", "--image", "reg/functions:1.0",
        "--timeout", "10s");

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out()).contains("created hub-create-session in hub with reg/functions:1.0")
        .contains("ready hub-create-session: revision hub-create-session-00001, "
            + "http://hub-create-session.hub.example.com, traffic 100% @latest (hub-create-session-00001)");
    assertThat(client.services().inNamespace("hub").list().getItems()).extracting(s -> s.getMetadata().getName())
        .containsExactly("hub-create-session");
    Service deployed = client.services().inNamespace("hub").withName("hub-create-session").get();
    assertThat(deployed.getSpec().getTemplate().getSpec().getContainers().get(0).getImage())
        .isEqualTo("reg/functions:1.0");
    assertThat(deployed.getSpec().getTemplate().getMetadata().getName()).isNull();
    assertThat(deployed.getSpec().getTemplate().getMetadata().getAnnotations())
        .containsEntry(Deployer.IMAGE, "reg/functions:1.0")
        .containsKey(Deployer.DEPLOYED_AT)
        .containsEntry("autoscaling.knative.dev/max-scale", "5");
  }

  @Test
  @DisplayName("deploy --all creates every Service, a second deploy updates them into new revisions")
  void deploysAllThenUpdates() {
    CliRun first = CliRun.run(client, "deploy", "--all", "--image", "reg/functions:1.0", "--timeout", "10s");
    CliRun second = CliRun.run(client, "deploy", "--all", "--image", "reg/functions:1.1", "--timeout", "10s");

    assertThat(first.exitCode()).as(first.err()).isZero();
    assertThat(first.out()).contains("created hub-create-session", "created hub-status",
        "ready hub-status: revision hub-status-00001");
    assertThat(second.exitCode()).as(second.err()).isZero();
    assertThat(second.out()).contains("updated hub-create-session", "updated hub-status",
        "ready hub-status: revision hub-status-00002", "ready hub-create-session: revision hub-create-session-00002");
  }

  @Test
  @DisplayName("deploy --all with the repository's manifests brings all 14 functions up in the chosen namespace")
  void deploysRepositoryManifests() {
    String manifests = Path.of(System.getProperty("hub.manifests", "manifests"), "base", "functions").toString();

    CliRun run = CliRun.run(client, "deploy", "--all", "--manifests", manifests, "--image",
        "ghcr.io/soma-agent-hub/functions:0.2.0", "--timeout", "20s");

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(client.services().inNamespace("hub").list().getItems())
        .hasSize(ManifestTemplatesTest.CATALOG.size())
        .allSatisfy(s -> assertThat(s.getSpec().getTemplate().getSpec().getContainers().get(0).getImage())
            .isEqualTo("ghcr.io/soma-agent-hub/functions:0.2.0"))
        .allSatisfy(s -> assertThat(ServiceConditions.ready(s)).isEqualTo("True"));
    assertThat(run.out()).contains("ready hub-search-memory: revision hub-search-memory-00001");
  }

  @Test
  @DisplayName("the same tag deployed again still makes a new revision")
  void sameTagMakesNewRevision() throws InterruptedException {
    CliRun.run(client, "deploy", "--function", "status", "--image", "reg/functions:latest", "--timeout", "10s");
    Thread.sleep(5);
    CliRun again = CliRun.run(client, "deploy", "--function", "status", "--image", "reg/functions:latest",
        "--timeout", "10s");

    assertThat(again.exitCode()).as(again.err()).isZero();
    assertThat(again.out()).contains("revision hub-status-00002");
  }

  @Test
  @DisplayName("a Service that never becomes Ready fails at the timeout naming its conditions")
  void neverReadyTimesOut() {
    CliRun run = CliRun.run(client, "deploy", "--function", "status", "--image", "reg/stuck:1.0", "--timeout",
        "1500ms");

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.err()).contains("hub-status was not Ready within 1500ms: Ready=Unknown RevisionMissing: "
            + "Configuration \"hub-status\" is waiting for a Revision to become ready.")
        .contains("ConfigurationsReady=Unknown RevisionMissing", "RoutesReady=Unknown RevisionMissing")
        .contains("1 of 1 Services did not become Ready: hub-status")
        .doesNotContain("Exception");
  }

  @Test
  @DisplayName("a terminal Ready=False fails at once with its reason, long before the timeout")
  void revisionFailedFailsFast() {
    long start = System.nanoTime();
    CliRun run = CliRun.run(client, "deploy", "--function", "status", "--image", "reg/broken:1.0", "--timeout",
        "60s");

    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.err()).contains("hub-status failed: Ready=False RevisionFailed: Revision \"hub-status-00001\" "
        + "failed with message: Back-off pulling image \"reg/broken:1.0\".");
  }

  @Test
  @DisplayName("an update keeps traffic pinned to a revision, as kn service update does")
  void updateKeepsPinnedTraffic() {
    CliRun.run(client, "deploy", "--function", "status", "--image", "reg/functions:1.0", "--timeout", "10s");
    CliRun pin = CliRun.run(client, "traffic", "hub-status", "--split", "hub-status-00001=100", "--timeout", "10s");
    CliRun update = CliRun.run(client, "deploy", "--function", "status", "--image", "reg/functions:1.1",
        "--timeout", "10s");

    assertThat(pin.exitCode()).as(pin.err()).isZero();
    assertThat(update.exitCode()).as(update.err()).isZero();
    assertThat(update.out()).contains("ready hub-status: revision hub-status-00002, "
        + "http://hub-status.hub.example.com, traffic 100% hub-status-00001");
  }

  @Test
  @DisplayName("an unknown function is a usage error that names the known ones, and nothing is created")
  void unknownFunction() {
    CliRun run = CliRun.run(client, "deploy", "--function", "nope", "--image", "reg/functions:1.0");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("no function nope in", "known: createSession, status");
    assertThat(client.services().inNamespace("hub").list().getItems()).isEmpty();
  }
}
