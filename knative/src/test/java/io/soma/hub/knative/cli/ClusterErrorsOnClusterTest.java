package io.soma.hub.knative.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.knative.client.KnativeClient;
import io.fabric8.kubernetes.api.model.ServiceAccountBuilder;
import io.fabric8.kubernetes.api.model.authentication.TokenRequestBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.soma.hub.knative.cluster.KnativeCluster;
import io.soma.hub.knative.cluster.KnativeClusterExtension;
import io.soma.hub.testing.cluster.LocalCluster;
import java.net.ServerSocket;
import java.util.function.Supplier;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** A cluster the CLI cannot use is exit 3 with one line that says why, whatever the verb. */
@ExtendWith(KnativeClusterExtension.class)
@DisplayName("hub knative on clusters it cannot use")
class ClusterErrorsOnClusterTest {

  static final String IMAGE = "ghcr.io/soma-agent-hub/functions:1.0.0";

  @Test
  @DisplayName(
      "a service account's token without RBAC grants: 403, named with verb, resource and namespace")
  void forbidden(KnativeCluster cluster) {
    String token;
    try (KubernetesClient admin = cluster.client()) {
      admin
          .namespaces()
          .resource(
              new io.fabric8.kubernetes.api.model.NamespaceBuilder()
                  .withNewMetadata()
                  .withName("locked")
                  .endMetadata()
                  .build())
          .serverSideApply();
      admin
          .serviceAccounts()
          .inNamespace("locked")
          .resource(
              new ServiceAccountBuilder()
                  .withNewMetadata()
                  .withName("nobody")
                  .endMetadata()
                  .build())
          .serverSideApply();
      token =
          admin
              .serviceAccounts()
              .inNamespace("locked")
              .withName("nobody")
              .tokenRequest(
                  new TokenRequestBuilder()
                      .withNewSpec()
                      .withExpirationSeconds(600L)
                      .endSpec()
                      .build())
              .getStatus()
              .getToken();
    }
    Config config = cluster.config();
    config.setOauthToken(token);
    Supplier<KnativeClient> nobody =
        () -> new KubernetesClientBuilder().withConfig(config).build().adapt(KnativeClient.class);

    CliRun list = CliRun.run("locked", nobody, "list");
    CliRun describe = CliRun.run("locked", nobody, "describe", "hub-status");
    CliRun deploy = CliRun.run("locked", nobody, KnativeOnCluster.deployStatus(IMAGE));

    assertThat(list.exitCode()).as(list.toString()).isEqualTo(CliFailure.CLUSTER);
    assertThat(list.err())
        .isEqualTo(
            "hub knative list: no permission to list services.serving.knative.dev in locked: "
                + "services.serving.knative.dev is forbidden: User \"system:serviceaccount:locked:nobody\" cannot list "
                + "resource \"services\" in API group \"serving.knative.dev\" in the namespace \"locked\"\n");
    assertThat(describe.exitCode()).as(describe.toString()).isEqualTo(CliFailure.CLUSTER);
    assertThat(describe.err())
        .contains("no permission to get services.serving.knative.dev in locked");
    assertThat(deploy.exitCode()).as(deploy.toString()).isEqualTo(CliFailure.CLUSTER);
    assertThat(deploy.err())
        .contains("no permission to list services.serving.knative.dev in locked");
  }

  @Test
  @DisplayName(
      "a Kubernetes without Knative Serving: every verb says it is not installed, deploy leaves nothing")
  void servingNotInstalled() {
    try (KnativeCluster bare = KnativeCluster.start("bare", LocalCluster.Parts.KUBERNETES)) {
      CliRun list = CliRun.run("soma-hub", bare::knative, "list");
      CliRun describe = CliRun.run("soma-hub", bare::knative, "describe", "hub-status");
      CliRun deploy =
          CliRun.run(
              "soma-hub",
              bare::knative,
              "deploy",
              "--overlay",
              "production",
              "--all",
              "--image",
              IMAGE);

      for (CliRun run : new CliRun[] {list, describe, deploy}) {
        assertThat(run.exitCode()).as(run.toString()).isEqualTo(CliFailure.CLUSTER);
        assertThat(run.err())
            .endsWith(": Knative Serving is not installed (no services.serving.knative.dev API)\n");
      }
      try (KubernetesClient client = bare.client()) {
        assertThat(client.namespaces().withName("soma-hub").get()).isNull();
      }
    }
  }

  @Test
  @DisplayName(
      "an API server nobody listens for: one line naming its URL; --debug adds the stack trace")
  void unreachable(KnativeCluster cluster) throws Exception {
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    Config config = cluster.config();
    config.setMasterUrl("https://127.0.0.1:" + port);
    config.setRequestRetryBackoffLimit(0);
    Supplier<KnativeClient> nowhere =
        () -> new KubernetesClientBuilder().withConfig(config).build().adapt(KnativeClient.class);

    CliRun plain = CliRun.run("soma-hub", nowhere, "list");
    CliRun debug = CliRun.run("soma-hub", nowhere, "list", "--debug");
    CliRun deploy =
        CliRun.run("soma-hub", nowhere, "deploy", "--overlay", "local", "--all", "--image", IMAGE);

    assertThat(plain.exitCode()).isEqualTo(CliFailure.CLUSTER);
    assertThat(plain.err())
        .startsWith(
            "hub knative list: cannot reach the Kubernetes API at https://127.0.0.1:"
                + port
                + "/: ")
        .containsIgnoringCase("connection refused")
        .hasLineCount(1);
    assertThat(debug.err()).contains("\tat io.fabric8.");
    assertThat(deploy.exitCode()).isEqualTo(CliFailure.CLUSTER);
    assertThat(deploy.err()).contains("cannot reach the Kubernetes API");
  }
}
