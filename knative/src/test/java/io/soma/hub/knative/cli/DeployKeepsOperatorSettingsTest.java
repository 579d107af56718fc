package io.soma.hub.knative.cli;

import static io.soma.hub.knative.cli.KnativeOnCluster.awaitRevisions;
import static io.soma.hub.knative.cli.KnativeOnCluster.cli;
import static io.soma.hub.knative.cli.KnativeOnCluster.deployStatus;
import static io.soma.hub.knative.cli.KnativeOnCluster.patchTemplateAnnotation;
import static io.soma.hub.knative.cli.KnativeOnCluster.service;
import static io.soma.hub.knative.cli.KnativeOnCluster.templateAnnotation;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.knative.serving.v1.Service;
import io.fabric8.knative.serving.v1.TrafficTarget;
import io.soma.hub.knative.cluster.KnativeCluster;
import io.soma.hub.knative.cluster.KnativeClusterExtension;
import io.soma.hub.knative.manifests.SpecEndpoints;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(KnativeClusterExtension.class)
@DisplayName(
    "deploy on a real Knative: an operator's production settings, annotations and pinned traffic stay")
class DeployKeepsOperatorSettingsTest {

  static final String NS = "operated";
  static final String IMAGE = "ghcr.io/soma-agent-hub/functions:0.2.0";

  @Test
  void deployChangesOnlyTheImage(KnativeCluster cluster) throws Exception {
    // The operator: the production overlay with kubectl's server-side apply, then their own
    // touches.
    cluster.kubectl("create", "namespace", NS);
    Path production = KnativeOnCluster.rendered(cluster, "production", NS);
    cluster.kubectl("apply", "--server-side", "-f", production.toString());
    // The first Revision before the operator's patch: a controller still busy with the other
    // Services would
    // otherwise build its first Revision from the patched template, and the second below would
    // never come.
    awaitRevisions(cluster, NS, "hub-status", 1);
    cluster.kubectl("-n", NS, "annotate", "ksvc", "hub-status", "team=payments");
    patchTemplateAnnotation(cluster, NS, "hub-status", "autoscaling.knative.dev/max-scale", "7");
    awaitRevisions(cluster, NS, "hub-status", 2);
    CliRun pin = cli(cluster, NS, "traffic", "hub-status", "--split", "hub-status-00001=100");
    assertThat(pin.exitCode()).as(pin.toString()).isZero();

    CliRun deploy = cli(cluster, NS, deployStatus(IMAGE));

    assertThat(deploy.exitCode()).as(deploy.toString()).isZero();
    assertThat(deploy.out())
        .contains("updated hub-status in " + NS + " with " + IMAGE)
        .contains(
            "kept .spec.template.metadata.annotations.autoscaling.knative.dev/max-scale (kept as set by "
                + "kubectl-patch)")
        .contains("warning: the cluster has no nodes");
    awaitRevisions(cluster, NS, "hub-status", 3);
    Service status = service(cluster, NS, "hub-status");
    assertProductionKept(status);
    assertThat(status.getSpec().getTemplate().getSpec().getContainers().get(0).getImage())
        .isEqualTo(IMAGE);
    assertThat(templateAnnotation(status, Deployer.USER_IMAGE)).isEqualTo(IMAGE);
    assertThat(templateAnnotation(status, "autoscaling.knative.dev/max-scale")).isEqualTo("7");
    assertThat(status.getMetadata().getAnnotations()).containsEntry("team", "payments");
    assertThat(status.getSpec().getTraffic())
        .extracting(TrafficTarget::getRevisionName, TrafficTarget::getPercent)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("hub-status-00001", 100L));

    CliRun again = cli(cluster, NS, deployStatus("ghcr.io/soma-agent-hub/functions:0.3.0"));

    assertThat(again.exitCode()).as(again.toString()).isZero();
    awaitRevisions(cluster, NS, "hub-status", 4);
    Service twice = service(cluster, NS, "hub-status");
    assertProductionKept(twice);
    assertThat(templateAnnotation(twice, "autoscaling.knative.dev/max-scale")).isEqualTo("7");
    assertThat(twice.getMetadata().getAnnotations()).containsEntry("team", "payments");
    assertThat(twice.getSpec().getTraffic())
        .extracting(TrafficTarget::getRevisionName)
        .containsExactly("hub-status-00001");
    // The other functions were not touched.
    assertThat(service(cluster, NS, "hub-create-session").getMetadata().getGeneration())
        .isEqualTo(1L);
  }

  @Test
  @DisplayName(
      "deploy --all of the production overlay onto itself makes exactly one Revision per Service")
  void allOntoProductionMakesOneRevisionEach(KnativeCluster cluster) throws Exception {
    String ns = "operated-all";
    cluster.kubectl("create", "namespace", ns);
    cluster.kubectl(
        "apply",
        "--server-side",
        "-f",
        KnativeOnCluster.rendered(cluster, "production", ns).toString());
    // Deployed onto Services whose first Revision exists: a Service the controller has not
    // reconciled yet would
    // take the deploy's template as its first (correctly, and then there is one Revision, not two).
    for (String name : SpecEndpoints.FUNCTIONS.stream().map(SpecEndpoints::serviceOf).toList()) {
      awaitRevisions(cluster, ns, name, 1);
    }

    CliRun deploy =
        cli(cluster, ns, "deploy", "--overlay", "production", "--all", "--image", IMAGE);

    assertThat(deploy.exitCode()).as(deploy.toString()).isZero();
    List<String> names;
    try (var client = cluster.knative()) {
      names =
          client.services().inNamespace(ns).list().getItems().stream()
              .map(s -> s.getMetadata().getName())
              .toList();
    }
    assertThat(names).hasSize(SpecEndpoints.FUNCTIONS.size());
    for (String name : names) {
      awaitRevisions(cluster, ns, name, 2);
      Service service = service(cluster, ns, name);
      assertThat(service.getMetadata().getGeneration()).as(name).isEqualTo(2L);
      assertProductionKept(service);
      assertThat(templateAnnotation(service, "autoscaling.knative.dev/max-scale")).isEqualTo("10");
      assertThat(templateAnnotation(service, Deployer.USER_IMAGE)).isEqualTo(IMAGE);
    }
  }

  static void assertProductionKept(Service service) {
    var template = service.getSpec().getTemplate();
    assertThat(template.getMetadata().getAnnotations())
        .containsEntry("autoscaling.knative.dev/scale-down-delay", "5m")
        .containsEntry("autoscaling.knative.dev/target", "50");
    assertThat(
            template
                .getSpec()
                .getContainers()
                .get(0)
                .getResources()
                .getLimits()
                .get("memory")
                .toString())
        .isEqualTo("768Mi");
    assertThat(template.getSpec().getTimeoutSeconds()).isEqualTo(75L);
  }
}
