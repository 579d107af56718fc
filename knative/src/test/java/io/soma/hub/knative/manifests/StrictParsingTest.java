package io.soma.hub.knative.manifests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

@DisplayName("Every manifest reads strictly into its fabric8 model")
class StrictParsingTest {

  @Test
  @DisplayName(
      "every document of every manifest file has a typed model and no field it does not know")
  void everyManifestFile() {
    Set<Path> patches = patchFiles();
    List<Path> files =
        Manifests.yamlFilesUnder(Manifests.root()).stream()
            .filter(file -> !Manifests.isKustomization(file) && !patches.contains(file))
            .toList();
    assertThat(files).hasSizeGreaterThan(14);
    for (Path file : files) {
      for (JsonNode document : Manifests.documents(file)) {
        HasMetadata model = StrictModels.typed(document);
        assertThat(StrictModels.unknownFields(model))
            .as(
                "fields of %s in %s that %s does not know",
                StrictModels.describe(document), file, model.getClass().getName())
            .isEmpty();
      }
    }
  }

  @ParameterizedTest
  @FieldSource("io.soma.hub.knative.manifests.Manifests#RENDERINGS")
  @DisplayName(
      "every object of a rendered kustomization, patches applied, has no field its model does not know")
  void everyRenderedObject(String kustomization) {
    List<ObjectNode> objects = Kustomize.build(Manifests.root().resolve(kustomization));
    assertThat(objects).hasSize(SpecEndpoints.RENDERED_OBJECTS);
    for (ObjectNode object : objects) {
      assertThat(StrictModels.unknownFields(StrictModels.typed(object)))
          .as("unknown fields of %s", StrictModels.describe(object))
          .isEmpty();
    }
  }

  @Test
  @DisplayName("a misspelled field is found, however deep")
  void misspelledFieldFails() {
    JsonNode document = Manifests.documents(Manifests.fixture("misspelled-worker.yaml")).get(0);
    Deployment deployment = StrictModels.typed(document, Deployment.class);

    assertThat(StrictModels.unknownFields(deployment))
        .containsExactlyInAnyOrder(
            ".spec.template.spec.terminationGracePeriodSecond",
            ".spec.template.spec.containers[0].readinesProbe");
  }

  @Test
  @DisplayName("a misspelled field of a Knative Service is found")
  void misspelledKnativeFieldFails() {
    JsonNode document = Manifests.documents(Manifests.fixture("misspelled-service.yaml")).get(0);

    assertThat(StrictModels.unknownFields(StrictModels.typed(document)))
        .containsExactly(".spec.template.spec.containerConcurency");
  }

  @Test
  @DisplayName("a misspelled field of a Job is found")
  void misspelledJobFieldFails() {
    JsonNode document = Manifests.documents(Manifests.fixture("misspelled-job.yaml")).get(0);

    assertThat(StrictModels.unknownFields(StrictModels.typed(document, Job.class)))
        .containsExactlyInAnyOrder(
            ".spec.ttlSecondsAfterFinish",
            ".spec.template.spec.containers[0].securityContext.readOnlyRootFileSystem");
  }

  @Test
  @DisplayName("a kind fabric8 has no model for is refused")
  void unknownKindFails() {
    JsonNode document =
        Manifests.YAML
            .createObjectNode()
            .put("apiVersion", "example.soma.io/v1")
            .put("kind", "Gadget")
            .set("metadata", Manifests.YAML.createObjectNode().put("name", "g"));

    assertThatThrownBy(() -> StrictModels.typed(document)).hasMessageContaining("no fabric8 model");
  }

  private static Set<Path> patchFiles() {
    return Manifests.yamlFilesUnder(Manifests.root()).stream()
        .filter(Manifests::isKustomization)
        .flatMap(file -> Kustomization.read(file.getParent()).patches().stream())
        .map(Kustomization.Patch::path)
        .collect(Collectors.toSet());
  }
}
