package io.soma.hub.knative.manifests;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.zjsonpatch.JsonPatch;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * What kustomize lets pass silently and these manifests must not have: a patch of an overlay whose
 * target selects no object of the base (kustomize applies it to nothing), or whose operations do
 * not apply to an object it selects (kustomize's JSON 6902 replace of a missing path adds it).
 */
final class OverlayPatches {

  private OverlayPatches() {}

  /**
   * One line per patch that selects nothing or does not apply; none when every patch applies to its
   * targets.
   */
  static List<String> problems(Path overlay, List<ObjectNode> base) {
    List<String> problems = new ArrayList<>();
    for (Kustomization.Patch patch : Kustomization.read(overlay).patches()) {
      List<ObjectNode> targets =
          base.stream().filter(object -> selects(patch.target(), object)).toList();
      if (targets.isEmpty()) {
        problems.add(patch.path().getFileName() + " selects no object: " + patch.target());
      }
      JsonNode operations = Manifests.documents(patch.path()).get(0);
      for (ObjectNode target : targets) {
        try {
          JsonPatch.apply(operations, target);
        } catch (RuntimeException e) {
          problems.add(
              patch.path().getFileName()
                  + " does not apply to "
                  + target.path("kind").asText()
                  + " "
                  + target.path("metadata").path("name").asText()
                  + ": "
                  + e.getMessage());
        }
      }
    }
    return problems;
  }

  /**
   * Whether kustomize's patch target (group, version, kind, name as a regex, namespace, labels)
   * selects it.
   */
  static boolean selects(Kustomization.Target target, JsonNode object) {
    String apiVersion = object.path("apiVersion").asText();
    int slash = apiVersion.indexOf('/');
    String group = slash < 0 ? "" : apiVersion.substring(0, slash);
    String version = slash < 0 ? apiVersion : apiVersion.substring(slash + 1);
    JsonNode metadata = object.path("metadata");
    return matches(target.group(), group)
        && matches(target.version(), version)
        && matches(target.kind(), object.path("kind").asText())
        && (target.name() == null || Pattern.matches(target.name(), metadata.path("name").asText()))
        && matches(target.namespace(), metadata.path("namespace").asText())
        && labelsMatch(target.labelSelector(), metadata.path("labels"));
  }

  private static boolean matches(String wanted, String actual) {
    return wanted == null || wanted.equals(actual);
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
}
