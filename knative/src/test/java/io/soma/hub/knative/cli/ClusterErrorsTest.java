package io.soma.hub.knative.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.knative.client.KnativeClient;
import io.fabric8.knative.serving.v1.ServiceBuilder;
import io.fabric8.kubernetes.api.model.Status;
import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@EnableKubernetesMockClient
class ClusterErrorsTest {

  static final String SERVICES = "/apis/serving.knative.dev/v1/namespaces/hub/services";

  KubernetesMockServer server;
  KubernetesClient client;

  @Test
  @DisplayName("403 on list names the verb, the resource and the namespace, without a stack trace")
  void forbiddenList() {
    server.expect().get().withPath(SERVICES).andReturn(403, forbidden("list")).once();

    CliRun run = CliRun.run(knative(), "list");

    assertThat(run.exitCode()).isEqualTo(CliFailure.CLUSTER);
    assertThat(run.err()).isEqualTo("hub knative list: no permission to list services.serving.knative.dev in hub: "
        + "services.serving.knative.dev is forbidden: User \"dev\" cannot list resource \"services\" in API group "
        + "\"serving.knative.dev\" in the namespace \"hub\"\n");
  }

  @Test
  @DisplayName("403 on create during a deploy says create")
  void forbiddenCreate() {
    server.expect().post().withPath(SERVICES).andReturn(403, forbidden("create")).once();

    CliRun run = CliRun.run(knative(), "deploy", "--function", "status", "--image", "reg/functions:1.0");

    assertThat(run.exitCode()).isEqualTo(CliFailure.CLUSTER);
    assertThat(run.err()).startsWith("hub knative deploy: no permission to create services.serving.knative.dev in hub");
  }

  @Test
  @DisplayName("403 on the revisions of a Service names revisions, not services")
  void forbiddenRevisions() {
    server.expect().get().withPath(SERVICES + "/hub-status").andReturn(200, new ServiceBuilder().withNewMetadata().withName("hub-status").endMetadata().withNewSpec().endSpec().build())
        .once();
    server.expect().get().withPath("/apis/serving.knative.dev/v1/namespaces/hub/revisions?labelSelector="
        + "serving.knative.dev%2Fservice%3Dhub-status").andReturn(403, forbidden("list")).once();

    CliRun run = CliRun.run(knative(), "describe", "hub-status");

    assertThat(run.exitCode()).isEqualTo(CliFailure.CLUSTER);
    assertThat(run.err()).startsWith("hub knative describe: no permission to list revisions.serving.knative.dev in hub");
  }

  @Test
  @DisplayName("a 404 for the resource type means Knative Serving is not installed, for list, describe and deploy")
  void servingNotInstalled() {
    server.expect().get().withPath(SERVICES).andReturn(404, "404 page not found").always();
    server.expect().post().withPath(SERVICES).andReturn(404, "404 page not found").always();

    CliRun list = CliRun.run(knative(), "list");
    CliRun describe = CliRun.run(knative(), "describe", "hub-status");
    CliRun deploy = CliRun.run(knative(), "deploy", "--all", "--image", "reg/functions:1.0");

    for (CliRun run : new CliRun[] {list, describe, deploy}) {
      assertThat(run.exitCode()).isEqualTo(CliFailure.CLUSTER);
      assertThat(run.err()).endsWith(": Knative Serving is not installed (no services.serving.knative.dev API)\n");
    }
  }

  @Test
  @DisplayName("a missing namespace is named as such")
  void missingNamespace() {
    Status notFound = new StatusBuilder().withCode(404).withReason("NotFound").withMessage("namespaces \"hub\" not found")
        .withNewDetails().withKind("namespaces").withName("hub").endDetails().build();
    server.expect().post().withPath(SERVICES).andReturn(404, notFound).once();

    CliRun run = CliRun.run(knative(), "deploy", "--function", "status", "--image", "reg/functions:1.0");

    assertThat(run.exitCode()).isEqualTo(CliFailure.CLUSTER);
    assertThat(run.err()).contains("namespace hub does not exist: namespaces \"hub\" not found");
  }

  @Test
  @DisplayName("an unreachable API server is one line naming its URL; --debug adds the stack trace")
  void unreachable() {
    try (KubernetesClient nowhere = new KubernetesClientBuilder().withConfig(new ConfigBuilder()
        .withMasterUrl("http://127.0.0.1:1").withRequestRetryBackoffLimit(0).build()).build()) {
      KnativeClient knative = nowhere.adapt(KnativeClient.class);

      CliRun plain = CliRun.run(knative, "list");
      CliRun debug = CliRun.run(knative, "list", "--debug");

      assertThat(plain.exitCode()).isEqualTo(CliFailure.CLUSTER);
      assertThat(plain.err()).startsWith("hub knative list: cannot reach the Kubernetes API at http://127.0.0.1:1/: ")
          .containsIgnoringCase("connection refused")
          .hasLineCount(1);
      assertThat(debug.exitCode()).isEqualTo(CliFailure.CLUSTER);
      assertThat(debug.err()).contains("\tat io.fabric8.");
    }
  }

  private KnativeClient knative() {
    return client.adapt(KnativeClient.class);
  }

  private static Status forbidden(String verb) {
    return new StatusBuilder().withCode(403).withReason("Forbidden")
        .withMessage("services.serving.knative.dev is forbidden: User \"dev\" cannot " + verb
            + " resource \"services\" in API group \"serving.knative.dev\" in the namespace \"hub\"")
        .build();
  }
}
