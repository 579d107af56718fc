package io.soma.hub.knative.cli;

import io.fabric8.knative.pkg.apis.Condition;
import io.fabric8.knative.serving.v1.Service;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * Reads a Knative Service's status the way {@code kn} does: its Ready condition and the generation
 * it reflects.
 */
final class ServiceConditions {

  static final List<String> SHOWN = List.of("Ready", "ConfigurationsReady", "RoutesReady");

  private ServiceConditions() {}

  static Condition condition(Service service, String type) {
    if (service.getStatus() == null || service.getStatus().getConditions() == null) {
      return null;
    }
    return service.getStatus().getConditions().stream()
        .filter(c -> type.equals(c.getType()))
        .findFirst()
        .orElse(null);
  }

  /**
   * "True", "False" or "Unknown"; "Unknown" also when the controller has not written a condition
   * yet.
   */
  static String ready(Service service) {
    return status(service, "Ready");
  }

  static String status(Service service, String type) {
    Condition condition = condition(service, type);
    return condition == null || condition.getStatus() == null ? "Unknown" : condition.getStatus();
  }

  /** Whether the status describes the current spec rather than an earlier one. */
  static boolean observedCurrent(Service service) {
    Long generation = service.getMetadata().getGeneration();
    Long observed =
        service.getStatus() == null ? null : service.getStatus().getObservedGeneration();
    if (generation == null) {
      return true;
    }
    return observed != null && observed >= generation;
  }

  /**
   * "Ready=False RevisionFailed: image not found; ConfigurationsReady=..." for the conditions that
   * explain.
   */
  static String summary(Service service) {
    String text =
        SHOWN.stream()
            .map(type -> condition(service, type))
            .filter(Objects::nonNull)
            .map(ServiceConditions::describe)
            .collect(Collectors.joining("; "));
    return text.isEmpty()
        ? "no conditions reported yet (is the Knative Serving controller running?)"
        : text;
  }

  static String describe(Condition c) {
    StringBuilder text = new StringBuilder(c.getType()).append('=').append(c.getStatus());
    if (c.getReason() != null && !c.getReason().isBlank()) {
      text.append(' ').append(c.getReason());
    }
    if (c.getMessage() != null && !c.getMessage().isBlank()) {
      text.append(": ").append(c.getMessage());
    }
    return text.toString();
  }
}
