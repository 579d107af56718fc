package io.soma.hub.knative.manifests;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The Flink analytics job's manifests ({@code flink/manifests}, beside this module): the
 * FlinkDeployment and the PodMonitor against their operators' CRD schemas, the core objects against
 * fabric8's models, and the PodMonitor against the pods the operator creates.
 */
@DisplayName("The Flink job's manifests validate against the Flink and Prometheus operator CRDs")
class FlinkManifestsSchemaTest {

  private static final CrdSchema FLINK_DEPLOYMENTS =
      CrdSchema.load("flink-operator-flinkdeployments.crd.yaml", "v1beta1");
  private static final CrdSchema POD_MONITORS =
      CrdSchema.load("prometheus-operator-podmonitors.crd.yaml", "v1");

  static Path flinkManifests() {
    return Manifests.root().resolve("../../flink/manifests").normalize();
  }

  private static List<ObjectNode> rendered() {
    return Kustomize.build(flinkManifests());
  }

  private static ObjectNode one(String kind) {
    List<ObjectNode> found =
        rendered().stream().filter(o -> o.path("kind").asText().equals(kind)).toList();
    assertThat(found).as(kind).hasSize(1);
    return found.get(0);
  }

  @Test
  @DisplayName("the kustomization lists every manifest file, and each object is valid for its kind")
  void everyObjectIsValid() {
    List<JsonNode> inFiles = new ArrayList<>();
    for (Path file : Manifests.yamlFilesUnder(flinkManifests())) {
      // flink-conf/ holds Flink's own config.yaml, not a Kubernetes object.
      if (!Manifests.isKustomization(file)
          && !file.getParent().getFileName().toString().equals("flink-conf")) {
        inFiles.addAll(Manifests.documents(file));
      }
    }
    List<ObjectNode> objects = rendered();
    assertThat(objects).hasSameSizeAs(inFiles);

    assertThat(objects)
        .extracting(o -> o.path("kind").asText())
        .containsExactlyInAnyOrder(
            "ConfigMap", "PersistentVolumeClaim", "FlinkDeployment", "PodMonitor");
    for (ObjectNode object : objects) {
      String kind = object.path("kind").asText();
      String name = StrictModels.describe(object);
      switch (kind) {
        case "FlinkDeployment" -> {
          assertThat(flinkDeploymentViolations(object)).as(name).isEmpty();
          ObjectMeta metadata =
              Manifests.YAML.convertValue(object.path("metadata"), ObjectMeta.class);
          assertThat(StrictModels.unknownFields(metadata)).as(name).isEmpty();
        }
        case "PodMonitor" -> assertThat(POD_MONITORS.violations(object)).as(name).isEmpty();
        default -> {
          HasMetadata model = StrictModels.typed(object);
          assertThat(StrictModels.unknownFields(model)).as(name).isEmpty();
        }
      }
      assertThat(object.path("metadata").path("namespace").asText()).as(name).isEqualTo("soma-hub");
    }
  }

  @Test
  @DisplayName(
      "the FlinkDeployment runs Flink 2.2 with state that survives upgrades, from a savepoint")
  void deploymentShape() {
    JsonNode spec = one("FlinkDeployment").path("spec");

    assertThat(spec.path("flinkVersion").asText()).isEqualTo("v2_2");
    assertThat(spec.path("job").path("upgradeMode").asText()).isIn("savepoint", "last-state");
    assertThat(spec.path("job").path("jarURI").asText()).startsWith("local:///opt/flink/usrlib/");
    assertThat(spec.path("job").path("parallelism").asInt()).isPositive();
    JsonNode config = spec.path("flinkConfiguration");
    assertThat(config.path("execution.checkpointing.dir").asText()).isNotBlank();
    assertThat(config.path("execution.checkpointing.savepoint-dir").asText()).isNotBlank();
    assertThat(config.path("execution.checkpointing.mode").asText()).isEqualTo("EXACTLY_ONCE");
  }

  @Test
  @DisplayName(
      "the PodMonitor selects the operator's pod labels and scrapes the container port the reporter listens on")
  void podMonitorScrapesTheReporter() {
    ObjectNode deployment = one("FlinkDeployment");
    JsonNode monitor = one("PodMonitor").path("spec");
    String reporterPort =
        deployment
            .path("spec")
            .path("flinkConfiguration")
            .path("metrics.reporter.prom.port")
            .asText();
    JsonNode container =
        deployment.path("spec").path("podTemplate").path("spec").path("containers").get(0);

    // The operator labels a FlinkDeployment's pods app=<name>, component=jobmanager|taskmanager.
    assertThat(monitor.path("selector").path("matchLabels").path("app").asText())
        .isEqualTo(deployment.path("metadata").path("name").asText());
    assertThat(container.path("name").asText()).isEqualTo("flink-main-container");
    String portName = monitor.path("podMetricsEndpoints").get(0).path("port").asText();
    List<String> matching = new ArrayList<>();
    container
        .path("ports")
        .forEach(
            port -> {
              if (port.path("name").asText().equals(portName)) {
                matching.add(port.path("containerPort").asText());
              }
            });
    assertThat(matching).containsExactly(reporterPort);
  }

  @Test
  @DisplayName("a misspelled field, a wrong enum value or a missing selector is rejected")
  void wrongShapesFail() {
    ObjectNode deployment = one("FlinkDeployment").deepCopy();
    ((ObjectNode) deployment.path("spec").path("job")).put("paralelism", 2);
    assertThat(flinkDeploymentViolations(deployment))
        .singleElement()
        .asString()
        .contains("paralelism");

    ObjectNode job = (ObjectNode) deployment.path("spec").path("job");
    job.remove("paralelism");
    job.put("upgradeMode", "restart");
    deployment.with("spec").put("flinkVersion", "v2_9");
    assertThat(flinkDeploymentViolations(deployment)).hasSize(2);

    ObjectNode monitor = one("PodMonitor").deepCopy();
    ((ObjectNode) monitor.path("spec")).remove("selector");
    ((ArrayNode) monitor.path("spec").path("podMetricsEndpoints"))
        .addObject()
        .put("prot", "metrics");
    assertThat(POD_MONITORS.violations(monitor))
        .hasSize(2)
        .anySatisfy(m -> assertThat(m).contains("selector"))
        .anySatisfy(m -> assertThat(m).contains("prot"));
  }

  /**
   * The operator's CRD declares only spec and status at its root: the API server takes apiVersion
   * and kind from the request and checks metadata as ObjectMeta for every kind. So those three are
   * checked apart (kind and version by the CRD's group, metadata by fabric8's model) and the rest
   * against the schema.
   */
  private static List<String> flinkDeploymentViolations(ObjectNode deployment) {
    assertThat(deployment.path("apiVersion").asText()).isEqualTo("flink.apache.org/v1beta1");
    assertThat(deployment.path("kind").asText()).isEqualTo("FlinkDeployment");
    ObjectNode body = deployment.deepCopy();
    body.remove(List.of("apiVersion", "kind", "metadata"));
    return FLINK_DEPLOYMENTS.violations(body);
  }

  @Test
  @DisplayName("the job's environment comes from the ConfigMap of the same manifests")
  void configMapFeedsTheJob() {
    JsonNode configMap = one("ConfigMap");
    JsonNode container =
        one("FlinkDeployment")
            .path("spec")
            .path("podTemplate")
            .path("spec")
            .path("containers")
            .get(0);

    container
        .path("env")
        .forEach(
            env -> {
              JsonNode ref = env.path("valueFrom").path("configMapKeyRef");
              if (!ref.isMissingNode()) {
                assertThat(ref.path("name").asText())
                    .isEqualTo(configMap.path("metadata").path("name").asText());
                assertThat(configMap.path("data").has(ref.path("key").asText()))
                    .as(ref.path("key").asText())
                    .isTrue();
              }
            });
    assertThat(Map.of("key", configMap.path("data").path("HUB_KAFKA_BOOTSTRAP_SERVERS").asText()))
        .doesNotContainValue("");
  }
}
