package io.soma.hub.e2e.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.soma.hub.testing.cluster.LocalCluster;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The whole hub on the local cluster's node, as a user brings it up: {@code ./hub cluster up},
 * {@code ./hub images}' tarballs loaded into containerd, {@code ./hub knative deploy --overlay
 * local --all} (the migration Job first, then every function at zero and the worker as a pod),
 * every call through the ingress with the Host header of the API's HTTPRoutes.
 */
public final class HubOnCluster {

  public static final String HOST = "api.soma-hub.127.0.0.1.sslip.io";
  public static final String FUNCTIONS = "dev.local/soma-agent-hub/functions:dev";
  public static final String WORKER = "dev.local/soma-agent-hub/worker:dev";

  /**
   * The local cluster's Temporal frontend on the host (services.sh), for tests that read workflows.
   */
  public static final String TEMPORAL = "127.0.0.1:17233";

  private HubOnCluster() {}

  /**
   * Starts a cluster with a node, loads the hub's images and deploys it; the tokens' secret is the
   * hub's.
   */
  public static LocalCluster start(String name, LocalTokens tokens) throws IOException {
    Path root = LocalCluster.root();
    Path functionsImage = root.resolve("functions/target/jib-image.tar");
    Path workerImage = root.resolve("workers/target/jib-image.tar");
    if (!Boolean.parseBoolean(System.getenv("HUB_E2E_REQUIRE_TOOLS"))) {
      assumeTrue(
          Files.isRegularFile(functionsImage) && Files.isRegularFile(workerImage),
          "no images: ./hub images");
    }
    Path secret = Files.createTempFile("hub-secret", "");
    Files.writeString(secret, tokens.secret());
    LocalCluster cluster =
        LocalCluster.start(
            name,
            LocalCluster.Parts.NODE,
            Map.of(
                "TEMPORAL_CLI", LocalTools.temporalCli().toString(),
                "PG_BIN", LocalTools.postgresBin().toString(),
                "HUB_SECRET_FILE", secret.toString()));
    try {
      load(cluster, functionsImage, FUNCTIONS);
      load(cluster, workerImage, WORKER);

      LocalCluster.Result deploy =
          knative(cluster, "deploy", "--overlay", "local", "--all", "--timeout", "5m");

      assertThat(deploy.exitCode()).as(() -> deploy.output() + cluster.diagnostics()).isZero();
      assertThat(deploy.output())
          .contains("Job hub-migrate-dev complete", "ready hub-create-session");
      return cluster;
    } catch (RuntimeException | Error failed) {
      // The caller never gets the cluster to close: down here, or the node's fixed ports and bridge
      // stay taken.
      cluster.close();
      throw failed;
    }
  }

  /** An image archive imported into the node's containerd under a name (./hub cluster load). */
  public static void load(LocalCluster cluster, Path archive, String name) {
    LocalCluster.Result loaded = cluster.script("load", archive.toString(), name);
    assertThat(loaded.exitCode()).as(loaded.output()).isZero();
  }

  /** The hub's API through the cluster's ingress, with the Host header of its HTTPRoute. */
  public static JsonHttp api(LocalCluster cluster) {
    return new JsonHttp(URI.create(cluster.ingress())).header("Host", HOST);
  }

  /** The names of the pods of a Knative Service. */
  public static List<String> pods(LocalCluster cluster, String service) {
    String names =
        cluster.kubectl(
            "-n",
            "soma-hub",
            "get",
            "pods",
            "-l",
            "serving.knative.dev/service=" + service,
            "-o",
            "name");
    return names.lines().filter(line -> !line.isBlank()).toList();
  }

  /**
   * The Knative CLI as ./hub knative runs it (the jar the knative module packages), against this
   * cluster.
   */
  public static LocalCluster.Result knative(LocalCluster cluster, String... args) {
    Path root = LocalCluster.root();
    Path jar = root.resolve("knative/target/hub-knative.jar");
    assertThat(jar)
        .as("the knative module packages the CLI before e2e runs; did it fail?")
        .exists();
    List<String> command = new ArrayList<>(List.of("java", "-jar", jar.toString()));
    command.addAll(List.of(args));
    return cluster.run(
        Map.of(
            "KUBECONFIG",
            cluster.kubeconfig().toString(),
            "HUB_KNATIVE_MANIFESTS",
            root.resolve("knative/manifests").toString()),
        command);
  }
}
