package io.soma.hub.knative.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.knative.serving.v1.Service;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.soma.hub.knative.manifests.SpecEndpoints;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class ManifestTemplatesTest {

  /** The catalog functions: the lines of knative/manifests/functions.txt. */
  static final List<String> CATALOG = SpecEndpoints.FUNCTIONS;

  @Test
  @DisplayName("the repository's function manifests give one template per catalog function")
  void repositoryManifests() {
    Path functions = Path.of(System.getProperty("hub.manifests", "manifests"), "base", "functions");

    ManifestTemplates templates = ManifestTemplates.load(functions, new KubernetesSerialization());

    assertThat(templates.all()).extracting(ManifestTemplates::functionOf).containsExactlyInAnyOrderElementsOf(CATALOG);
    for (String function : CATALOG) {
      Service byFunction = templates.function(function);
      assertThat(byFunction.getMetadata().getName()).isEqualTo("hub-" + ManifestTemplates.kebab(function));
      assertThat(templates.function(ManifestTemplates.kebab(function))).isSameAs(byFunction);
      assertThat(templates.function(byFunction.getMetadata().getName())).isSameAs(byFunction);
    }
  }

  @Test
  @DisplayName("a kustomization and other kinds beside the Services are skipped")
  void skipsOtherDocuments() {
    ManifestTemplates templates = ManifestTemplates.load(CliRun.FIXTURES, new KubernetesSerialization());

    assertThat(templates.all()).extracting(s -> s.getMetadata().getName())
        .containsExactly("hub-create-session", "hub-status");
  }

  @Test
  @DisplayName("the deployed copy carries the image and a deploy stamp, no namespace and no fixed revision name")
  void withImage() {
    Service template = ManifestTemplates.load(CliRun.FIXTURES, new KubernetesSerialization()).function("status");

    Service deployed = Deployer.withImage(template, "reg/functions:2.0", Instant.parse("2026-11-25T12:00:00Z"));

    assertThat(deployed.getMetadata().getNamespace()).isNull();
    assertThat(deployed.getSpec().getTemplate().getMetadata().getName()).isNull();
    assertThat(deployed.getSpec().getTemplate().getSpec().getContainers().get(0).getImage())
        .isEqualTo("reg/functions:2.0");
    assertThat(deployed.getSpec().getTemplate().getMetadata().getAnnotations())
        .containsEntry(Deployer.DEPLOYED_AT, "2026-11-25T12:00:00Z")
        .containsEntry(Deployer.IMAGE, "reg/functions:2.0");
    assertThat(template.getSpec().getTemplate().getSpec().getContainers().get(0).getImage())
        .as("the template itself is untouched").isEqualTo("ghcr.io/soma-agent-hub/functions:placeholder");
  }

  @Test
  @DisplayName("a directory without Services is refused")
  void noServices() {
    assertThatThrownBy(() -> ManifestTemplates.load(Path.of("src/test/java"), new KubernetesSerialization()))
        .isInstanceOf(CliFailure.class)
        .hasMessageContaining("no serving.knative.dev/v1 Service in");
  }
}
