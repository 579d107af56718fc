package io.soma.hub.knative.manifests;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.List;
import java.util.regex.Pattern;

/**
 * One rendering of the kustomizations as typed fabric8 objects, and the rules every rendering
 * shares.
 */
record Rendered(String kustomization, List<HasMetadata> objects) {

  /** Names of environment variables that carry credentials and so may only come from a Secret. */
  static final Pattern SECRET_NAME =
      Pattern.compile(".*(PASSWORD|SECRET|TOKEN|API_KEY|WEBHOOK_URL|DB_USER)");

  static Rendered of(String kustomization) {
    List<ObjectNode> objects = Kustomize.build(Manifests.root().resolve(kustomization));
    return new Rendered(kustomization, objects.stream().map(StrictModels::typed).toList());
  }

  <T extends HasMetadata> List<T> all(Class<T> type) {
    return objects.stream().filter(type::isInstance).map(type::cast).toList();
  }

  <T extends HasMetadata> T one(Class<T> type, String name) {
    return all(type).stream()
        .filter(object -> object.getMetadata().getName().equals(name))
        .findFirst()
        .orElseThrow(
            () ->
                new AssertionError(kustomization + " has no " + type.getSimpleName() + " " + name));
  }

  static boolean literalSecret(EnvVar env) {
    return SECRET_NAME.matcher(env.getName()).matches() && env.getValue() != null;
  }

  @Override
  public String toString() {
    return kustomization;
  }
}
