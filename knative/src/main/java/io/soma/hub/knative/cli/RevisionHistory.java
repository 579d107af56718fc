package io.soma.hub.knative.cli;

import io.fabric8.knative.pkg.apis.Condition;
import io.fabric8.knative.serving.v1.Revision;
import io.fabric8.knative.serving.v1.Service;
import io.fabric8.knative.serving.v1.TrafficTarget;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/** A Service's Revisions, newest first, and the one a rollback goes back to. */
final class RevisionHistory {

  static final String GENERATION_LABEL = "serving.knative.dev/configurationGeneration";

  private final List<Revision> newestFirst;

  RevisionHistory(List<Revision> revisions) {
    this.newestFirst = revisions.stream().sorted(NEWEST_FIRST).toList();
  }

  private static final Comparator<Revision> NEWEST_FIRST =
      Comparator.comparingLong(RevisionHistory::generation)
          .thenComparing(r -> String.valueOf(r.getMetadata().getCreationTimestamp()))
          .thenComparing(r -> r.getMetadata().getName())
          .reversed();

  List<Revision> newestFirst() {
    return newestFirst;
  }

  Optional<Revision> named(String name) {
    return newestFirst.stream().filter(r -> name.equals(r.getMetadata().getName())).findFirst();
  }

  /** The revision serving the largest share now (status traffic, else the latest ready one). */
  static String serving(Service service) {
    if (service.getStatus() == null) {
      return null;
    }
    List<TrafficTarget> traffic = service.getStatus().getTraffic();
    if (traffic != null) {
      Optional<TrafficTarget> top =
          traffic.stream()
              .filter(t -> t.getPercent() != null && t.getPercent() > 0)
              .max(Comparator.comparingLong(TrafficTarget::getPercent));
      if (top.isPresent()) {
        TrafficTarget t = top.get();
        return t.getRevisionName() != null
            ? t.getRevisionName()
            : service.getStatus().getLatestReadyRevisionName();
      }
    }
    return service.getStatus().getLatestReadyRevisionName();
  }

  /** The newest Ready revision created before {@code current}. */
  Optional<Revision> previousReady(String current) {
    Optional<Revision> now = current == null ? Optional.empty() : named(current);
    long before = now.map(RevisionHistory::generation).orElse(Long.MAX_VALUE);
    return newestFirst.stream()
        .filter(r -> !r.getMetadata().getName().equals(current))
        .filter(r -> generation(r) < before)
        .filter(RevisionHistory::ready)
        .findFirst();
  }

  /** The newest revision created before {@code current} that has not failed, Ready or not yet. */
  Optional<Revision> previous(String current) {
    long before = named(current).map(RevisionHistory::generation).orElse(Long.MAX_VALUE);
    return newestFirst.stream()
        .filter(r -> !r.getMetadata().getName().equals(current))
        .filter(r -> generation(r) < before)
        .filter(r -> !failed(r))
        .findFirst();
  }

  /**
   * Ready=False: the revision will not serve (an image that cannot be pulled, a crashing
   * container).
   */
  static boolean failed(Revision revision) {
    return "False".equals(readyText(revision));
  }

  static boolean ready(Revision revision) {
    return revision.getStatus() != null
        && revision.getStatus().getConditions() != null
        && revision.getStatus().getConditions().stream()
            .anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()));
  }

  static String readyText(Revision revision) {
    if (revision.getStatus() == null || revision.getStatus().getConditions() == null) {
      return "Unknown";
    }
    return revision.getStatus().getConditions().stream()
        .filter(c -> "Ready".equals(c.getType()))
        .map(Condition::getStatus)
        .findFirst()
        .orElse("Unknown");
  }

  static long generation(Revision revision) {
    String label =
        revision.getMetadata().getLabels() == null
            ? null
            : revision.getMetadata().getLabels().get(GENERATION_LABEL);
    try {
      return label == null ? 0 : Long.parseLong(label);
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  static String image(Revision revision) {
    if (revision.getSpec() == null
        || revision.getSpec().getContainers() == null
        || revision.getSpec().getContainers().isEmpty()) {
      return "";
    }
    return String.valueOf(revision.getSpec().getContainers().get(0).getImage());
  }
}
