package io.soma.hub.knative.cli;

import static io.soma.hub.knative.cli.KnativeOnCluster.awaitRevision;
import static io.soma.hub.knative.cli.KnativeOnCluster.awaitRevisions;
import static io.soma.hub.knative.cli.KnativeOnCluster.cli;
import static io.soma.hub.knative.cli.KnativeOnCluster.deployStatus;
import static io.soma.hub.knative.cli.KnativeOnCluster.service;
import static io.soma.hub.knative.cli.KnativeOnCluster.templateAnnotation;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;
import static org.awaitility.Awaitility.await;

import io.fabric8.knative.serving.v1.Service;
import io.fabric8.knative.serving.v1.ServiceList;
import io.fabric8.knative.serving.v1.TrafficTarget;
import io.fabric8.kubernetes.api.model.ManagedFieldsEntry;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.soma.hub.knative.cluster.KnativeCluster;
import io.soma.hub.knative.cluster.KnativeClusterExtension;
import io.soma.hub.knative.manifests.SpecEndpoints;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Every verb of {@code hub knative} against a real API server with the real Knative webhook and
 * controller, in the order an operator would use them. No node runs pods here, so nothing becomes
 * Ready: the verbs say so and end.
 */
@ExtendWith(KnativeClusterExtension.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@DisplayName("hub knative on a real Knative Serving")
class VerbsOnClusterTest {

  static final String NS = "verbs";
  static final String V1 = "ghcr.io/soma-agent-hub/functions:1.0.0";
  static final String V2 = "ghcr.io/soma-agent-hub/functions:1.1.0";
  static final KubernetesSerialization JSON = new KubernetesSerialization();

  @BeforeAll
  static void deployed(KnativeCluster cluster) {
    CliRun run = cli(cluster, NS, "deploy", "--overlay", "production", "--all", "--image", V1);
    assertThat(run.exitCode()).as(run.toString()).isZero();
    assertThat(run.out())
        .contains(
            "created Namespace " + NS,
            "created hub-status in " + NS + " with " + V1,
            "created ConfigMap hub-config",
            "created Deployment hub-worker",
            "created HTTPRoute hub-api-sessions",
            "created HTTPRoute hub-api-memory",
            "created HTTPRoute hub-api-document",
            "created Job hub-migrate-1-0-0",
            "not waiting for Job hub-migrate-1-0-0 (the schema's migration): the cluster has no nodes to run it",
            "warning: the cluster has no nodes, so no Revision can become Ready; not waiting");
  }

  @Test
  @Order(1)
  @DisplayName(
      "deploy --all: the controller makes each function's Revision and Deployment from our manifest")
  void controllerBuildsFromTheManifest(KnativeCluster cluster) {
    awaitRevisions(cluster, NS, "hub-create-session", 1);
    Service service = service(cluster, NS, "hub-create-session");
    assertThat(templateAnnotation(service, Deployer.USER_IMAGE)).isEqualTo(V1);
    assertThat(templateAnnotation(service, Deployer.UPDATE_TIMESTAMP)).isNotBlank();
    try (KubernetesClient client = cluster.client()) {
      await()
          .atMost(KnativeOnCluster.RECONCILED)
          .until(
              () ->
                  client
                          .apps()
                          .deployments()
                          .inNamespace(NS)
                          .withName("hub-create-session-00001-deployment")
                          .get()
                      != null);
      var pod =
          client
              .apps()
              .deployments()
              .inNamespace(NS)
              .withName("hub-create-session-00001-deployment")
              .get()
              .getSpec()
              .getTemplate()
              .getSpec();
      var function =
          pod.getContainers().stream()
              .filter(c -> c.getName().equals("function"))
              .findFirst()
              .orElseThrow();
      assertThat(function.getImage()).isEqualTo(V1);
      assertThat(function.getEnv())
          .anyMatch(
              e ->
                  e.getName().equals("SPRING_CLOUD_FUNCTION_DEFINITION")
                      && "createSession".equals(e.getValue()));
      assertThat(function.getResources().getLimits().get("memory").toString()).isEqualTo("768Mi");
      assertThat(function.getSecurityContext().getReadOnlyRootFilesystem()).isTrue();
      assertThat(function.getSecurityContext().getRunAsUser()).isEqualTo(10001L);
      assertThat(function.getLivenessProbe().getHttpGet().getPath()).isEqualTo("/health/liveness");
      // Knative moves the readiness probe into its queue-proxy, which probes the function's port.
      assertThat(pod.getContainers()).extracting(c -> c.getName()).contains("queue-proxy");
      assertThat(
              client
                  .pods()
                  .inNamespace(NS)
                  .withLabel("serving.knative.dev/service", "hub-create-session")
                  .list()
                  .getItems())
          .allMatch(p -> "Pending".equals(p.getStatus().getPhase()));
    }
  }

  @Test
  @Order(2)
  @DisplayName("list and describe, as tables and as JSON or YAML kn can read")
  void listAndDescribe(KnativeCluster cluster) {
    // The controller creates each Service's first revision in its own time, later the more Services
    // there are.
    awaitRevisions(cluster, NS, "hub-status", 1);
    CliRun table = cli(cluster, NS, "list");
    CliRun json = cli(cluster, NS, "list", "-o", "json");
    CliRun yaml = cli(cluster, NS, "describe", "hub-status", "-o", "yaml");
    CliRun text = cli(cluster, NS, "describe", "hub-status");

    assertThat(table.exitCode()).as(table.toString()).isZero();
    assertThat(table.out().lines().skip(1))
        .hasSize(SpecEndpoints.FUNCTIONS.size())
        .allMatch(l -> l.contains("Unknown"));
    ServiceList list = JSON.unmarshal(json.out(), ServiceList.class);
    assertThat(list.getItems())
        .hasSize(SpecEndpoints.FUNCTIONS.size())
        .allMatch(
            s -> s.getSpec().getTemplate().getSpec().getContainers().get(0).getImage().equals(V1));
    Service described = JSON.unmarshal(yaml.out(), Service.class);
    assertThat(described.getMetadata().getName()).isEqualTo("hub-status");
    assertThat(text.out()).contains("Image:      " + V1, "Function:   status", "hub-status-00001");
  }

  @Test
  @Order(3)
  @DisplayName(
      "deploy --wait names what it waits for, shows progress and, where nothing runs pods, times out clearly")
  void waitTimesOutClearly(KnativeCluster cluster) {
    CliRun run = cli(cluster, NS, deployStatus(V2, "--wait", "--timeout", "3s"));

    assertThat(run.exitCode()).as(run.toString()).isEqualTo(1);
    assertThat(run.out())
        .contains("updated hub-status in " + NS + " with " + V2)
        .contains("waiting for hub-status Ready");
    assertThat(run.err())
        .contains("hub-status was not Ready within 3s (waited for Ready=True of generation 2)")
        .contains("1 of 1 Services did not become Ready: hub-status");
  }

  @Test
  @Order(4)
  @DisplayName(
      "deploy --revision-name names the Revision as kn does; a name in use is refused before anything changes")
  void revisionName(KnativeCluster cluster) {
    CliRun run = cli(cluster, NS, deployStatus(V2, "--revision-name", "canary", "--no-wait"));
    awaitRevision(
        cluster, NS, "hub-status", r -> r.getMetadata().getName().equals("hub-status-canary"));
    long generation = service(cluster, NS, "hub-status").getMetadata().getGeneration();
    CliRun again = cli(cluster, NS, deployStatus(V2, "--revision-name", "canary"));

    assertThat(run.exitCode()).as(run.toString()).isZero();
    assertThat(run.out()).contains("not waiting for Ready (--no-wait)");
    assertThat(again.exitCode()).as(again.toString()).isEqualTo(2);
    assertThat(again.err()).contains("revision hub-status-canary exists already");
    assertThat(service(cluster, NS, "hub-status").getMetadata().getGeneration())
        .isEqualTo(generation);
  }

  @Test
  @Order(5)
  @DisplayName(
      "traffic on revisions that are not Ready: the split is written under its own field manager, with a warning")
  void trafficWithoutReadyRevisions(KnativeCluster cluster) {
    CliRun run =
        cli(
            cluster,
            NS,
            "traffic",
            "hub-status",
            "--split",
            "hub-status-00001=90,@latest=10",
            "--tag",
            "@latest=canary");

    assertThat(run.exitCode()).as(run.toString()).isZero();
    assertThat(run.err()).contains("warning: not Ready: hub-status-00001 (Unknown)");
    Service service = service(cluster, NS, "hub-status");
    assertThat(service.getSpec().getTraffic())
        .extracting(
            TrafficTarget::getRevisionName,
            TrafficTarget::getLatestRevision,
            TrafficTarget::getPercent,
            TrafficTarget::getTag)
        .containsExactly(
            tuple("hub-status-00001", false, 90L, null), tuple(null, true, 10L, "canary"));
    assertThat(service.getMetadata().getManagedFields())
        .extracting(ManagedFieldsEntry::getManager)
        .contains(ServerSideApply.TRAFFIC_MANAGER, ServerSideApply.DEPLOY_MANAGER);
  }

  @Test
  @Order(6)
  @DisplayName(
      "rollback where nothing is Ready: to the revision before the current one, with a warning")
  void rollbackWithoutReadyRevisions(KnativeCluster cluster) {
    CliRun run = cli(cluster, NS, "rollback", "hub-status");
    CliRun first = cli(cluster, NS, "rollback", "hub-create-session");
    CliRun missing = cli(cluster, NS, "rollback", "hub-status", "--to", "hub-status-00009");

    assertThat(run.exitCode()).as(run.toString()).isZero();
    assertThat(run.err()).contains("warning: not Ready:");
    assertThat(run.out()).contains("rolled back hub-status to ");
    assertThat(service(cluster, NS, "hub-status").getSpec().getTraffic().get(0).getPercent())
        .isEqualTo(100L);
    assertThat(first.exitCode()).as(first.toString()).isEqualTo(1);
    assertThat(first.err())
        .contains("no revision of hub-create-session older than hub-create-session-00001")
        .doesNotContain("null");
    assertThat(missing.exitCode()).isEqualTo(2);
    assertThat(missing.err()).contains("no revision hub-status-00009 of hub-status; revisions: ");
  }

  @Test
  @Order(7)
  @DisplayName(
      "delete: the garbage collector removes the Service's Configuration, Route and Revisions")
  void deleteCascades(KnativeCluster cluster) {
    CliRun run = cli(cluster, NS, "delete", "hub-get-wizard");
    CliRun gone = cli(cluster, NS, "describe", "hub-get-wizard");

    assertThat(run.exitCode()).as(run.toString()).isZero();
    assertThat(gone.exitCode()).isEqualTo(1);
    assertThat(gone.err()).contains("no Knative service hub-get-wizard in namespace " + NS);
    try (var client = cluster.knative()) {
      await()
          .atMost(KnativeOnCluster.RECONCILED)
          .until(
              () ->
                  client
                          .revisions()
                          .inNamespace(NS)
                          .withLabel(ServingApi.SERVICE_LABEL, "hub-get-wizard")
                          .list()
                          .getItems()
                          .isEmpty()
                      && client.configurations().inNamespace(NS).withName("hub-get-wizard").get()
                          == null
                      && client.routes().inNamespace(NS).withName("hub-get-wizard").get() == null);
    }
  }

  @Test
  @DisplayName("a namespace that does not exist is exit 3 for list as for every verb")
  void missingNamespace(KnativeCluster cluster) {
    CliRun list = cli(cluster, NS, "list", "--namespace", "nope");
    CliRun describe = cli(cluster, NS, "describe", "hub-status", "--namespace", "nope");

    assertThat(list.exitCode()).as(list.toString()).isEqualTo(3);
    assertThat(list.err()).contains("namespace nope does not exist");
    assertThat(describe.exitCode()).as(describe.toString()).isEqualTo(3);
    assertThat(describe.err()).contains("namespace nope does not exist");
  }
}
