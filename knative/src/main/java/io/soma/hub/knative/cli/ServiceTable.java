package io.soma.hub.knative.cli;

import io.fabric8.knative.pkg.apis.Condition;
import io.fabric8.knative.serving.v1.Revision;
import io.fabric8.knative.serving.v1.Service;
import io.fabric8.knative.serving.v1.TrafficTarget;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/** Plain-text output of {@code list} and {@code describe}. */
final class ServiceTable {

  private ServiceTable() {}

  static String list(List<Service> services) {
    List<List<String>> rows = new ArrayList<>();
    rows.add(List.of("NAME", "URL", "READY", "LATEST", "TRAFFIC"));
    services.stream()
        .sorted(java.util.Comparator.comparing(s -> s.getMetadata().getName()))
        .forEach(
            s ->
                rows.add(
                    List.of(
                        s.getMetadata().getName(),
                        orDash(s.getStatus() == null ? null : s.getStatus().getUrl()),
                        ServiceConditions.ready(s),
                        orDash(
                            s.getStatus() == null
                                ? null
                                : s.getStatus().getLatestReadyRevisionName()),
                        traffic(s))));
    return columns(rows);
  }

  static String describe(Service s, List<Revision> revisions) {
    StringBuilder out = new StringBuilder();
    var status = s.getStatus();
    line(out, "Name", s.getMetadata().getName());
    line(out, "Namespace", s.getMetadata().getNamespace());
    line(out, "URL", status == null ? null : status.getUrl());
    line(
        out,
        "Image",
        ManifestTemplates.containers(s).isEmpty()
            ? null
            : ManifestTemplates.containers(s).get(0).getImage());
    line(out, "Function", ManifestTemplates.functionOf(s));
    line(out, "Ready", ServiceConditions.ready(s));
    line(
        out,
        "Generation",
        s.getMetadata().getGeneration()
            + " (observed "
            + (status == null ? null : status.getObservedGeneration())
            + ")");
    line(
        out,
        "Latest",
        "created "
            + orDash(status == null ? null : status.getLatestCreatedRevisionName())
            + ", ready "
            + orDash(status == null ? null : status.getLatestReadyRevisionName()));
    out.append("Conditions:\n");
    List<Condition> conditions =
        status == null || status.getConditions() == null ? List.of() : status.getConditions();
    if (conditions.isEmpty()) {
      out.append("  none reported yet\n");
    }
    conditions.forEach(c -> out.append("  ").append(ServiceConditions.describe(c)).append('\n'));
    out.append("Traffic:\n");
    for (String target : trafficLines(s)) {
      out.append("  ").append(target).append('\n');
    }
    out.append("Revisions:\n");
    List<List<String>> rows = new ArrayList<>();
    rows.add(List.of("NAME", "READY", "GENERATION", "IMAGE"));
    new RevisionHistory(revisions)
        .newestFirst()
        .forEach(
            r ->
                rows.add(
                    List.of(
                        r.getMetadata().getName(), RevisionHistory.readyText(r),
                        String.valueOf(RevisionHistory.generation(r)), RevisionHistory.image(r))));
    if (rows.size() == 1) {
      out.append("  none\n");
    } else {
      columns(rows).lines().forEach(l -> out.append("  ").append(l).append('\n'));
    }
    return out.toString();
  }

  /**
   * "90% hub-x-00001, 10% hub-x-00002 #canary": the routed traffic, or the requested one before it
   * is routed.
   */
  static String traffic(Service s) {
    List<String> lines = trafficLines(s);
    return lines.isEmpty() ? "-" : String.join(", ", lines);
  }

  private static List<String> trafficLines(Service s) {
    List<TrafficTarget> targets =
        s.getStatus() != null
                && s.getStatus().getTraffic() != null
                && !s.getStatus().getTraffic().isEmpty()
            ? s.getStatus().getTraffic()
            : s.getSpec() == null || s.getSpec().getTraffic() == null
                ? List.of()
                : s.getSpec().getTraffic();
    return targets.stream().map(ServiceTable::target).collect(Collectors.toList());
  }

  private static String target(TrafficTarget t) {
    String revision =
        Boolean.TRUE.equals(t.getLatestRevision())
            ? TrafficPlan.LATEST
                + (t.getRevisionName() == null ? "" : " (" + t.getRevisionName() + ")")
            : t.getRevisionName();
    return (t.getPercent() == null ? 0 : t.getPercent())
        + "% "
        + revision
        + (t.getTag() == null ? "" : " #" + t.getTag());
  }

  private static void line(StringBuilder out, String key, String value) {
    out.append(String.format("%-11s %s%n", key + ":", orDash(value)));
  }

  private static String orDash(String value) {
    return value == null || value.isBlank() ? "-" : value;
  }

  static String columns(List<List<String>> rows) {
    int[] widths = new int[rows.get(0).size()];
    for (List<String> row : rows) {
      for (int i = 0; i < row.size(); i++) {
        widths[i] = Math.max(widths[i], row.get(i).length());
      }
    }
    StringBuilder out = new StringBuilder();
    for (List<String> row : rows) {
      StringBuilder line = new StringBuilder();
      for (int i = 0; i < row.size(); i++) {
        line.append(
            i == row.size() - 1
                ? row.get(i)
                : String.format("%-" + (widths[i] + 2) + "s", row.get(i)));
      }
      out.append(line.toString().stripTrailing()).append('\n');
    }
    return out.toString();
  }
}
