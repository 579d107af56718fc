package io.soma.hub.knative.manifests;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The parts of a kustomization.yaml these manifests use: resources, JSON 6902 patches with a
 * target, and image rules. Anything else in the file fails the read, so a kustomize feature added
 * later is noticed here.
 */
record Kustomization(
    Path dir, List<String> resources, List<Patch> patches, List<ImageRule> images) {

  private static final List<String> KNOWN_FIELDS =
      List.of("apiVersion", "kind", "resources", "patches", "images");

  record Patch(Path path, Target target) {}

  /**
   * A kustomize patch target; null fields match anything, {@code name} is a full-match regular
   * expression.
   */
  record Target(
      String group,
      String version,
      String kind,
      String name,
      String namespace,
      String labelSelector) {}

  record ImageRule(String name, String newName, String newTag) {}

  static Kustomization read(Path dir) {
    Path file = dir.resolve("kustomization.yaml");
    JsonNode root = Manifests.documents(file).get(0);
    root.fieldNames()
        .forEachRemaining(
            field -> {
              if (!KNOWN_FIELDS.contains(field)) {
                throw new IllegalStateException(
                    file + ": unsupported kustomization field " + field);
              }
            });
    List<String> resources = new ArrayList<>();
    root.path("resources").forEach(resource -> resources.add(resource.asText()));
    List<Patch> patches = new ArrayList<>();
    for (JsonNode patch : root.path("patches")) {
      if (!patch.has("path") || !patch.has("target")) {
        throw new IllegalStateException(file + ": every patch needs a path and a target: " + patch);
      }
      JsonNode t = patch.get("target");
      patches.add(
          new Patch(
              dir.resolve(patch.get("path").asText()).normalize(),
              new Target(
                  text(t, "group"),
                  text(t, "version"),
                  text(t, "kind"),
                  text(t, "name"),
                  text(t, "namespace"),
                  text(t, "labelSelector"))));
    }
    List<ImageRule> images = new ArrayList<>();
    for (JsonNode image : root.path("images")) {
      images.add(
          new ImageRule(
              image.path("name").asText(), text(image, "newName"), text(image, "newTag")));
    }
    return new Kustomization(
        dir, List.copyOf(resources), List.copyOf(patches), List.copyOf(images));
  }

  private static String text(JsonNode node, String field) {
    return node.hasNonNull(field) ? node.get(field).asText() : null;
  }
}
