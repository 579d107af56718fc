package io.soma.hub.knative.cli;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.StatusCause;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.FieldValidateable.Validation;
import io.fabric8.kubernetes.client.dsl.ServerSideApplicable;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Server-side apply under one field manager that changes only what its command says. A first server
 * dry run without force finds the fields another manager (kubectl, an operator's edit, our own
 * traffic command) owns with another value; those are left out of what this manager applies, so
 * they keep the value their owner set, except the fields the command itself sets (the image of a
 * deploy), which this manager takes over. Unknown fields are refused (strict field validation), as
 * {@code kubectl apply --server-side} does.
 */
final class ServerSideApply {

  /**
   * What {@code deploy} owns: the functions as the rendered manifests and the command describe
   * them.
   */
  static final String DEPLOY_MANAGER = "hub-knative";

  /**
   * What {@code traffic} and {@code rollback} own: spec.traffic only, so a deploy never undoes a
   * pinned split.
   */
  static final String TRAFFIC_MANAGER = "hub-knative-traffic";

  private static final Pattern MANAGER = Pattern.compile("conflict with \"([^\"]*)\"");

  /**
   * An object ready to apply: the fields this manager will own, and the others' fields it leaves as
   * they are.
   *
   * @param kept lines like {@code .spec.x (kept as set by kubectl)}
   */
  record Prepared(GenericKubernetesResource object, List<String> kept) {}

  private final KubernetesClient client;
  private final KubernetesSerialization serialization;
  private final String manager;

  ServerSideApply(KubernetesClient client, String manager) {
    this.client = client;
    this.serialization = client.getKubernetesSerialization();
    this.manager = manager;
  }

  /**
   * Checks the object with a server dry run (schema, admission webhooks, conflicts) and leaves out
   * the fields other managers own with another value.
   *
   * @param commandSets whether a field (normalized path, e.g. {@code
   *     spec/template/spec/containers/0/image}) is one the command sets on purpose, so it is taken
   *     over rather than left to its owner
   */
  Prepared prepare(GenericKubernetesResource desired, Predicate<String> commandSets) {
    @SuppressWarnings("unchecked")
    Map<String, Object> payload = serialization.convertValue(desired, Map.class);
    List<String> kept = new ArrayList<>();
    try {
      send(payload, true, false);
      return new Prepared(desired, kept);
    } catch (KubernetesClientException e) {
      if (e.getCode() != 409 || conflicts(e).isEmpty()) {
        throw e;
      }
      List<FieldPath.Location> leftOut = new ArrayList<>();
      for (StatusCause conflict : conflicts(e)) {
        FieldPath.Location location =
            FieldPath.find(payload, conflict.getField())
                .orElseThrow(
                    () ->
                        CliFailure.failed(
                            name(desired)
                                + ": "
                                + conflict.getField()
                                + " is owned by "
                                + owner(conflict)
                                + " with another value, and cannot be left out of the apply; "
                                + e.getStatus().getMessage(),
                            e));
        if (!commandSets.test(location.normalized())) {
          leftOut.add(location);
          kept.add(conflict.getField() + " (kept as set by " + owner(conflict) + ")");
        }
      }
      // Map entries first; list elements from the highest index down, so the others' indexes stay
      // valid.
      leftOut.stream().filter(l -> l.parent() instanceof Map).forEach(FieldPath.Location::remove);
      leftOut.stream()
          .filter(l -> l.parent() instanceof List)
          .sorted(Comparator.comparingInt((FieldPath.Location l) -> (Integer) l.key()).reversed())
          .forEach(FieldPath.Location::remove);
    }
    GenericKubernetesResource reduced =
        serialization.convertValue(payload, GenericKubernetesResource.class);
    send(payload, true, true);
    return new Prepared(reduced, kept);
  }

  /** Applies a prepared object for real, taking over the fields it still holds. */
  GenericKubernetesResource apply(Prepared prepared) {
    @SuppressWarnings("unchecked")
    Map<String, Object> payload = serialization.convertValue(prepared.object(), Map.class);
    return send(payload, false, true);
  }

  private GenericKubernetesResource send(
      Map<String, Object> payload, boolean dryRun, boolean force) {
    GenericKubernetesResource object =
        serialization.convertValue(payload, GenericKubernetesResource.class);
    ServerSideApplicable<GenericKubernetesResource> apply =
        client
            .resource(object)
            .dryRun(dryRun)
            .fieldValidation(Validation.STRICT)
            .fieldManager(manager);
    return force ? apply.forceConflicts().serverSideApply() : apply.serverSideApply();
  }

  private static List<StatusCause> conflicts(KubernetesClientException e) {
    if (e.getStatus() == null
        || e.getStatus().getDetails() == null
        || e.getStatus().getDetails().getCauses() == null) {
      return List.of();
    }
    return e.getStatus().getDetails().getCauses().stream()
        .filter(c -> "FieldManagerConflict".equals(c.getReason()) && c.getField() != null)
        .toList();
  }

  private static String owner(StatusCause conflict) {
    Matcher matcher = MANAGER.matcher(String.valueOf(conflict.getMessage()));
    return matcher.find() ? matcher.group(1) : "another field manager";
  }

  static String name(GenericKubernetesResource object) {
    return object.getKind() + " " + object.getMetadata().getName();
  }
}
