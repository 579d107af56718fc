package io.soma.hub.knative.manifests;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName(
    "observability/: monitors and rules validate against the prometheus-operator CRDs and match the hub")
class ObservabilityManifestsSchemaTest {

  private static final Path OBSERVABILITY =
      Manifests.root().resolve("../../observability").normalize();
  private static final Map<String, CrdSchema> SCHEMAS =
      Map.of(
          "PodMonitor", CrdSchema.load("prometheus-operator-podmonitors.crd.yaml", "v1"),
          "ServiceMonitor", CrdSchema.load("prometheus-operator-servicemonitors.crd.yaml", "v1"),
          "PrometheusRule", CrdSchema.load("prometheus-operator-prometheusrules.crd.yaml", "v1"));

  @Test
  @DisplayName("every monitoring.coreos.com object is valid, and each is there")
  void everyOperatorObjectIsValid() {
    List<JsonNode> objects = operatorObjects();
    for (JsonNode object : objects) {
      CrdSchema schema = SCHEMAS.get(object.path("kind").asText());
      assertThat(schema).as("a schema for %s", StrictModels.describe(object)).isNotNull();
      assertThat(schema.violations(object)).as(StrictModels.describe(object)).isEmpty();
    }
    assertThat(objects)
        .extracting(o -> o.path("kind").asText() + "/" + o.at("/metadata/name").asText())
        .containsExactlyInAnyOrder(
            "PodMonitor/hub-functions",
            "PodMonitor/knative-serving",
            "ServiceMonitor/hub-worker",
            "PrometheusRule/hub-alerts");
  }

  @Test
  @DisplayName("a misspelled field and a wrong type are rejected")
  void badShapesFail() {
    ObjectNode podMonitor = single("PodMonitor", "hub-functions").deepCopy();
    ObjectNode endpoint = (ObjectNode) podMonitor.at("/spec/podMetricsEndpoints/0");
    endpoint.set("intreval", endpoint.remove("interval"));
    assertThat(SCHEMAS.get("PodMonitor").violations(podMonitor))
        .singleElement()
        .asString()
        .contains("intreval");

    ObjectNode rule = single("PrometheusRule", "hub-alerts").deepCopy();
    ((ObjectNode) rule.at("/spec/groups/0/rules/0")).putArray("for").add("2m");
    assertThat(SCHEMAS.get("PrometheusRule").violations(rule)).isNotEmpty();
  }

  @Test
  @DisplayName(
      "the PodMonitor selects the functions' pods on Knative's user-port, past the queue-proxy")
  void podMonitorScrapesTheFunctionsUserContainer() {
    JsonNode podMonitor = single("PodMonitor", "hub-functions");
    JsonNode selector = podMonitor.at("/spec/selector/matchLabels");
    List<JsonNode> functions =
        Manifests.yamlFilesUnder(Manifests.root().resolve("base/functions")).stream()
            .flatMap(file -> Manifests.documents(file).stream())
            .filter(KnativeSchemaTest::isKnativeService)
            .toList();
    assertThat(functions).hasSize(SpecEndpoints.FUNCTIONS.size());
    for (JsonNode service : functions) {
      JsonNode podLabels = service.at("/spec/template/metadata/labels");
      selector
          .fields()
          .forEachRemaining(
              label ->
                  assertThat(podLabels.path(label.getKey()).asText())
                      .as(service.at("/metadata/name").asText())
                      .isEqualTo(label.getValue().asText()));
    }
    JsonNode endpoint = podMonitor.at("/spec/podMetricsEndpoints/0");
    // Knative names the user container's port user-port whatever the Service calls it;
    // queue-proxy's are others.
    assertThat(endpoint.path("port").asText()).isEqualTo("user-port");
    assertThat(endpoint.path("path").asText()).isEqualTo("/metrics");
    assertThat(podMonitor.at("/spec/namespaceSelector/matchNames/0").asText())
        .isEqualTo(hubNamespace());
  }

  @Test
  @DisplayName("the ServiceMonitor selects the worker Service and its port named metrics")
  void serviceMonitorScrapesTheWorkerService() {
    JsonNode serviceMonitor = single("ServiceMonitor", "hub-worker");
    JsonNode service =
        Manifests.documents(Manifests.root().resolve("base/worker/service.yaml")).get(0);
    serviceMonitor
        .at("/spec/selector/matchLabels")
        .fields()
        .forEachRemaining(
            label ->
                assertThat(service.at("/metadata/labels").path(label.getKey()).asText())
                    .isEqualTo(label.getValue().asText()));
    String port = serviceMonitor.at("/spec/endpoints/0/port").asText();
    assertThat(port).isEqualTo("metrics");
    assertThat(service.at("/spec/ports").findValuesAsText("name")).contains(port);
    assertThat(serviceMonitor.at("/spec/namespaceSelector/matchNames/0").asText())
        .isEqualTo(hubNamespace());
  }

  private static String hubNamespace() {
    return Manifests.documents(Manifests.root().resolve("base/namespace.yaml"))
        .get(0)
        .at("/metadata/name")
        .asText();
  }

  private static JsonNode single(String kind, String name) {
    List<JsonNode> matching =
        operatorObjects().stream()
            .filter(
                o ->
                    o.path("kind").asText().equals(kind)
                        && o.at("/metadata/name").asText().equals(name))
            .toList();
    assertThat(matching).hasSize(1);
    return matching.get(0);
  }

  private static List<JsonNode> operatorObjects() {
    return Manifests.yamlFilesUnder(OBSERVABILITY).stream()
        .filter(
            file ->
                !file.toString().contains("/tests/")
                    && !file.getFileName().toString().equals("local.yml"))
        .flatMap(file -> Manifests.documents(file).stream())
        .filter(
            document -> document.path("apiVersion").asText().startsWith("monitoring.coreos.com/"))
        .toList();
  }
}
