package io.soma.hub.knative.manifests;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.zjsonpatch.JsonPatch;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Builds what {@code kubectl kustomize} would for these manifests, without a kustomize binary: resources (files or
 * directories with their own kustomization), then JSON 6902 patches on the objects their target selects, then
 * image rules. A patch that selects nothing, or whose operation does not apply, fails the build, as kustomize does.
 */
final class KustomizeRenderer {

  private KustomizeRenderer() {}

  static List<ObjectNode> render(Path dir) {
    Kustomization kustomization = Kustomization.read(dir);
    List<ObjectNode> objects = new ArrayList<>();
    for (String resource : kustomization.resources()) {
      Path path = dir.resolve(resource).normalize();
      if (Files.isDirectory(path)) {
        objects.addAll(render(path));
      } else if (Files.isRegularFile(path)) {
        Manifests.documents(path).forEach(document -> objects.add((ObjectNode) document.deepCopy()));
      } else {
        throw new IllegalStateException(dir + ": resource " + resource + " does not exist");
      }
    }
    for (Kustomization.Patch patch : kustomization.patches()) {
      List<ObjectNode> targets = objects.stream().filter(object -> selects(patch.target(), object)).toList();
      if (targets.isEmpty()) {
        throw new IllegalStateException(dir + ": patch " + patch.path() + " selects no object: " + patch.target());
      }
      JsonNode operations = Manifests.documents(patch.path()).get(0);
      for (ObjectNode target : targets) {
        JsonNode patched = JsonPatch.apply(operations, target);
        target.removeAll();
        target.setAll((ObjectNode) patched);
      }
    }
    objects.forEach(object -> applyImages(kustomization.images(), object));
    return objects;
  }

  static boolean selects(Kustomization.Target target, JsonNode object) {
    String apiVersion = object.path("apiVersion").asText();
    int slash = apiVersion.indexOf('/');
    String group = slash < 0 ? "" : apiVersion.substring(0, slash);
    String version = slash < 0 ? apiVersion : apiVersion.substring(slash + 1);
    JsonNode metadata = object.path("metadata");
    return matches(target.group(), group)
        && matches(target.version(), version)
        && matches(target.kind(), object.path("kind").asText())
        && matchesRegex(target.name(), metadata.path("name").asText())
        && matches(target.namespace(), metadata.path("namespace").asText())
        && labelsMatch(target.labelSelector(), metadata.path("labels"));
  }

  private static boolean matches(String wanted, String actual) {
    return wanted == null || wanted.equals(actual);
  }

  private static boolean matchesRegex(String wanted, String actual) {
    return wanted == null || Pattern.matches(wanted, actual);
  }

  private static boolean labelsMatch(String selector, JsonNode labels) {
    if (selector == null) {
      return true;
    }
    for (String term : selector.split(",")) {
      String[] keyValue = term.strip().split("=", 2);
      if (keyValue.length != 2 || !keyValue[1].equals(labels.path(keyValue[0]).asText(null))) {
        return false;
      }
    }
    return true;
  }

  /** Kustomize's image transformer: every container image named by a rule gets its new name and tag. */
  private static void applyImages(List<Kustomization.ImageRule> rules, JsonNode node) {
    if (node.isObject()) {
      for (String field : List.of("containers", "initContainers")) {
        for (JsonNode container : node.path(field)) {
          if (container.isObject() && container.has("image")) {
            ((ObjectNode) container).put("image", retag(rules, container.get("image").asText()));
          }
        }
      }
      node.elements().forEachRemaining(child -> applyImages(rules, child));
    } else if (node.isArray()) {
      node.elements().forEachRemaining(child -> applyImages(rules, child));
    }
  }

  static String imageName(String image) {
    int at = image.indexOf('@');
    String withoutDigest = at < 0 ? image : image.substring(0, at);
    int colon = withoutDigest.lastIndexOf(':');
    return colon > withoutDigest.lastIndexOf('/') ? withoutDigest.substring(0, colon) : withoutDigest;
  }

  private static String retag(List<Kustomization.ImageRule> rules, String image) {
    String name = imageName(image);
    for (Kustomization.ImageRule rule : rules) {
      if (rule.name().equals(name)) {
        String tag = image.substring(name.length());
        return (rule.newName() != null ? rule.newName() : name) + (rule.newTag() != null ? ":" + rule.newTag() : tag);
      }
    }
    return image;
  }
}
