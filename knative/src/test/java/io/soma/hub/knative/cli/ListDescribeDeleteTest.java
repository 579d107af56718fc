package io.soma.hub.knative.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.knative.client.KnativeClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@EnableKubernetesMockClient(crud = true)
class ListDescribeDeleteTest {

  KnativeClient client;
  FakeServingController controller;

  @BeforeEach
  void startController() {
    client
        .adapt(io.fabric8.kubernetes.client.KubernetesClient.class)
        .namespaces()
        .resource(
            new io.fabric8.kubernetes.api.model.NamespaceBuilder()
                .withNewMetadata()
                .withName("hub")
                .endMetadata()
                .build())
        .create();
    controller = FakeServingController.start(client, "hub");
  }

  @AfterEach
  void stopController() {
    controller.close();
  }

  @Test
  @DisplayName("list on an empty namespace says so")
  void listEmpty() {
    CliRun run = CliRun.run(client, "list");

    assertThat(run.exitCode()).isZero();
    assertThat(run.out()).isEqualTo("no Knative services in hub\n");
  }

  @Test
  @DisplayName("list shows name, URL, ready, latest revision and traffic of every Service")
  void listTable() {
    deployAll("reg/functions:1.0");

    CliRun run = CliRun.run(client, "list");

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out())
        .isEqualTo(
            """
        NAME                URL                                        READY  LATEST                    TRAFFIC
        hub-create-session  http://hub-create-session.hub.example.com  True   hub-create-session-00001  \
        100% @latest (hub-create-session-00001)
        hub-status          http://hub-status.hub.example.com          True   hub-status-00001          \
        100% @latest (hub-status-00001)
        """);
  }

  @Test
  @DisplayName("describe shows image, function, conditions, traffic and revisions newest first")
  void describe() {
    deploy("hub-status", "reg/functions:1.0");
    deploy("hub-status", "reg/functions:1.1");

    CliRun run = CliRun.run(client, "describe", "hub-status");

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out())
        .contains(
            "Name:       hub-status\n",
            "Namespace:  hub\n",
            "Image:      reg/functions:1.1\n",
            "Function:   status\n",
            "Ready:      True\n",
            "Latest:     created hub-status-00002, ready hub-status-00002\n",
            "Conditions:\n  Ready=True\n  ConfigurationsReady=True\n  RoutesReady=True\n",
            "Traffic:\n  100% @latest (hub-status-00002)\n",
            """
        Revisions:
          NAME              READY  GENERATION  IMAGE
          hub-status-00002  True   2           reg/functions:1.1
          hub-status-00001  True   1           reg/functions:1.0
        """);
  }

  @Test
  @DisplayName("describe and delete of a missing Service fail naming it")
  void missing() {
    CliRun describe = CliRun.run(client, "describe", "nope");
    CliRun delete = CliRun.run(client, "delete", "nope");

    assertThat(describe.exitCode()).isEqualTo(CliFailure.FAILED);
    assertThat(describe.err())
        .isEqualTo("hub knative describe: no Knative service nope in namespace hub\n");
    assertThat(delete.exitCode()).isEqualTo(CliFailure.FAILED);
    assertThat(delete.err()).contains("no Knative service nope in namespace hub");
  }

  @Test
  @DisplayName("delete removes the Service")
  void delete() {
    deployAll("reg/functions:1.0");

    CliRun run = CliRun.run(client, "delete", "hub-status");

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out()).isEqualTo("deleted hub-status in hub\n");
    assertThat(client.services().inNamespace("hub").list().getItems())
        .extracting(s -> s.getMetadata().getName())
        .containsExactly("hub-create-session");
  }

  private void deployAll(String image) {
    deploy("hub-create-session", image);
    deploy("hub-status", image);
  }

  private void deploy(String name, String image) {
    FakeServingController.put(client, "hub", name, image);
    org.awaitility.Awaitility.await()
        .atMost(java.time.Duration.ofSeconds(10))
        .until(
            () ->
                ServiceConditions.observedCurrent(
                    client.services().inNamespace("hub").withName(name).get()));
  }
}
