package io.soma.hub.knative.manifests;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@DisplayName("The kustomizations are consistent, as kubectl kustomize builds them")
class KustomizeConsistencyTest {

  @Test
  @DisplayName("every file under base/ is a resource of a kustomization, and every resource exists")
  void baseFilesAreAllListed() {
    Path base = Manifests.root().resolve("base");
    Set<Path> listed = new HashSet<>();
    for (Path file : Manifests.yamlFilesUnder(base)) {
      if (Manifests.isKustomization(file)) {
        for (String resource : Kustomization.read(file.getParent()).resources()) {
          Path path = file.getParent().resolve(resource).normalize();
          assertThat(path).as("resource %s of %s", resource, file).exists();
          listed.add(path);
        }
      }
    }
    assertThat(
            Manifests.yamlFilesUnder(base).stream()
                .filter(file -> !Manifests.isKustomization(file)))
        .as("files under base/ that no kustomization lists")
        .allSatisfy(file -> assertThat(listed).contains(file));
  }

  @Test
  @DisplayName(
      "every file of an overlay is its kustomization or one of its patches, and every patch exists")
  void overlayFilesAreKustomizationsOrPatches() {
    for (String overlay : List.of("overlays/local", "overlays/production")) {
      Path dir = Manifests.root().resolve(overlay);
      Kustomization kustomization = Kustomization.read(dir);
      assertThat(kustomization.resources()).containsExactly("../../base");
      Set<Path> patches = new HashSet<>();
      kustomization.patches().forEach(patch -> patches.add(patch.path()));
      assertThat(patches).allSatisfy(patch -> assertThat(patch).exists());
      assertThat(Manifests.yamlFilesUnder(dir))
          .allSatisfy(
              file ->
                  assertThat(Manifests.isKustomization(file) || patches.contains(file))
                      .as("%s", file)
                      .isTrue());
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"overlays/local", "overlays/production"})
  @DisplayName("every overlay patch targets objects of the base and applies to each of them")
  void patchesTargetBaseObjects(String overlay) {
    List<ObjectNode> base = Kustomize.build(Manifests.root().resolve("base"));

    assertThat(OverlayPatches.problems(Manifests.root().resolve(overlay), base)).isEmpty();
    List<ObjectNode> rendered = Kustomize.build(Manifests.root().resolve(overlay));
    assertThat(rendered).hasSameSizeAs(base);
    assertThat(rendered).isNotEqualTo(base);
  }

  @ParameterizedTest
  @ValueSource(strings = {"overlays/local", "overlays/production"})
  @DisplayName(
      "every image rule of an overlay names an image of the base, and every container gets a tag")
  void imageRulesNameBaseImages(String overlay) {
    Set<String> baseImages = new HashSet<>();
    Kustomize.build(Manifests.root().resolve("base"))
        .forEach(object -> collectImages(object, baseImages));
    Set<String> baseNames = new HashSet<>();
    baseImages.forEach(image -> baseNames.add(Kustomize.imageName(image)));
    assertThat(baseNames)
        .containsExactlyInAnyOrder(
            "ghcr.io/soma-agent-hub/functions", "ghcr.io/soma-agent-hub/worker");

    Kustomization kustomization = Kustomization.read(Manifests.root().resolve(overlay));
    assertThat(kustomization.images())
        .extracting(Kustomization.ImageRule::name)
        .containsExactlyInAnyOrderElementsOf(baseNames);
    Set<String> rendered = new HashSet<>();
    Kustomize.build(Manifests.root().resolve(overlay))
        .forEach(object -> collectImages(object, rendered));
    assertThat(rendered)
        .hasSize(2)
        .allSatisfy(image -> assertThat(image).isNotEqualTo(Kustomize.imageName(image)));
  }

  @Test
  @DisplayName("a patch that selects nothing, or replaces a path the object lacks, fails the build")
  void brokenPatchesFail(@TempDir Path dir) throws Exception {
    Files.writeString(
        dir.resolve("kustomization.yaml"),
        """
        resources:
          - %s
        patches:
          - path: patch.yaml
            target:
              kind: Deployment
              name: hub-wrker
        """
            .formatted(Manifests.root().resolve("base")));
    Files.writeString(
        dir.resolve("patch.yaml"), "- op: replace\n  path: /spec/replicas\n  value: 1\n");
    List<ObjectNode> base = Kustomize.build(Manifests.root().resolve("base"));
    assertThat(OverlayPatches.problems(dir, base))
        .singleElement()
        .asString()
        .contains("selects no object");

    Files.writeString(
        dir.resolve("kustomization.yaml"),
        Files.readString(dir.resolve("kustomization.yaml")).replace("hub-wrker", "hub-worker"));
    Files.writeString(
        dir.resolve("patch.yaml"), "- op: replace\n  path: /spec/replicaCount\n  value: 1\n");
    assertThat(OverlayPatches.problems(dir, base))
        .singleElement()
        .asString()
        .contains("does not apply to Deployment hub-worker", "replicaCount");
  }

  private static void collectImages(
      com.fasterxml.jackson.databind.JsonNode node, Set<String> images) {
    if (node.isObject() && node.has("image") && node.get("image").isTextual()) {
      images.add(node.get("image").asText());
    }
    node.elements().forEachRemaining(child -> collectImages(child, images));
  }
}
