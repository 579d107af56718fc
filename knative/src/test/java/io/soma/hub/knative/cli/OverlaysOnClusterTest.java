package io.soma.hub.knative.cli;

import static io.soma.hub.knative.cli.KnativeOnCluster.awaitRevisions;
import static io.soma.hub.knative.cli.KnativeOnCluster.service;
import static io.soma.hub.knative.cli.KnativeOnCluster.templateAnnotation;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.knative.serving.v1.Service;
import io.soma.hub.knative.cluster.KnativeCluster;
import io.soma.hub.knative.cluster.KnativeClusterExtension;
import io.soma.hub.knative.manifests.SpecEndpoints;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Both overlays as an operator applies them, kubectl's server-side apply, against the real API
 * server and Knative.
 */
@ExtendWith(KnativeClusterExtension.class)
@DisplayName("the overlays on a real Knative Serving")
class OverlaysOnClusterTest {

  static final String NS = "overlays";

  @Test
  @DisplayName(
      "production, then local on top: every object accepted, every Service a Revision with local's values")
  void bothOverlays(KnativeCluster cluster) throws Exception {
    cluster.kubectl("create", "namespace", NS);
    // The grant lives in istio-system, one per cluster: another test's deploy (field manager
    // hub-knative) may own it
    // for its own namespace, and kubectl rightly refuses to take a field from another manager
    // without
    // --force-conflicts. An operator applying the overlays meets a cluster without the hub.
    cluster.kubectl(
        "-n",
        "istio-system",
        "delete",
        "referencegrant",
        "soma-hub-to-knative-local-gateway",
        "--ignore-not-found");
    String production =
        cluster.kubectl(
            "apply",
            "--server-side",
            "-f",
            KnativeOnCluster.rendered(cluster, "production", NS).toString());
    awaitRevisions(cluster, NS, "hub-status", 1);
    String local =
        cluster.kubectl(
            "apply",
            "--server-side",
            "-f",
            KnativeOnCluster.rendered(cluster, "local", NS).toString());

    assertThat(production.lines())
        .hasSize(SpecEndpoints.RENDERED_OBJECTS)
        .allMatch(l -> l.endsWith(" serverside-applied"));
    assertThat(local.lines()).hasSize(SpecEndpoints.RENDERED_OBJECTS);
    awaitRevisions(cluster, NS, "hub-status", 2);
    Service status = service(cluster, NS, "hub-status");
    assertThat(templateAnnotation(status, "autoscaling.knative.dev/max-scale")).isEqualTo("2");
    assertThat(status.getSpec().getTemplate().getSpec().getContainers().get(0).getImage())
        .isEqualTo("dev.local/soma-agent-hub/functions:dev");
    assertThat(
            cluster.kubectl(
                "-n", NS, "get", "deployment", "hub-worker", "-o", "jsonpath={.spec.replicas}"))
        .isEqualTo("1");
  }
}
