package io.soma.hub.knative.manifests;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

@DisplayName("Every Knative Service validates against the Knative Serving CRD schema")
class KnativeSchemaTest {

  private static final CrdSchema SERVICES =
      CrdSchema.load("knative-serving-services.crd.yaml", "v1");

  @Test
  @DisplayName("every Knative Service file of the base")
  void everyServiceFile() {
    List<Path> files = Manifests.yamlFilesUnder(Manifests.root().resolve("base"));
    int services = 0;
    for (Path file : files) {
      for (JsonNode document : Manifests.documents(file)) {
        if (isKnativeService(document)) {
          services++;
          assertThat(SERVICES.violations(document))
              .as("%s in %s", StrictModels.describe(document), file)
              .isEmpty();
        }
      }
    }
    assertThat(services).isEqualTo(SpecEndpoints.FUNCTIONS.size());
  }

  @ParameterizedTest
  @FieldSource("io.soma.hub.knative.manifests.Manifests#RENDERINGS")
  @DisplayName("every Knative Service of a rendered kustomization, patches applied")
  void everyRenderedService(String kustomization) {
    List<ObjectNode> services =
        Kustomize.build(Manifests.root().resolve(kustomization)).stream()
            .filter(KnativeSchemaTest::isKnativeService)
            .toList();
    assertThat(services).hasSize(SpecEndpoints.FUNCTIONS.size());
    services.forEach(
        service ->
            assertThat(SERVICES.violations(service)).as(StrictModels.describe(service)).isEmpty());
  }

  @Test
  @DisplayName("a field the schema does not declare is rejected")
  void unknownFieldFails() {
    JsonNode service = Manifests.documents(Manifests.fixture("misspelled-service.yaml")).get(0);

    assertThat(SERVICES.violations(service))
        .singleElement()
        .asString()
        .contains("containerConcurency");
  }

  @Test
  @DisplayName("a wrong type and a missing required field are rejected")
  void wrongShapesFail() {
    ObjectNode service =
        Manifests.documents(Manifests.fixture("misspelled-service.yaml")).get(0).deepCopy();
    ObjectNode spec = (ObjectNode) service.path("spec").path("template").path("spec");
    spec.remove("containerConcurency");
    spec.put("timeoutSeconds", "seventy");
    ((ObjectNode) spec.path("containers").get(0))
        .putObject("resources")
        .putObject("limits")
        .put("memory", "lots");

    assertThat(SERVICES.violations(service))
        .hasSize(2)
        .anySatisfy(m -> assertThat(m).contains("timeoutSeconds"));
    spec.remove("containers");
    spec.remove("timeoutSeconds");
    assertThat(SERVICES.violations(service)).singleElement().asString().contains("containers");
  }

  @Test
  @DisplayName("unknown fields where the CRD preserves them are accepted")
  void preservedUnknownFieldsPass() {
    JsonNode service =
        Manifests.documents(Manifests.fixture("preserved-fields-service.yaml")).get(0);

    assertThat(SERVICES.violations(service)).isEmpty();
  }

  static boolean isKnativeService(JsonNode document) {
    return document.path("apiVersion").asText().startsWith("serving.knative.dev/")
        && document.path("kind").asText().equals("Service");
  }
}
