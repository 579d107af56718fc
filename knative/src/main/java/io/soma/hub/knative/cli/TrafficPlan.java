package io.soma.hub.knative.cli;

import io.fabric8.knative.serving.v1.TrafficTarget;
import io.fabric8.knative.serving.v1.TrafficTargetBuilder;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The new {@code spec.traffic} of a Service from {@code --split REV=PCT,...} and {@code --tag
 * REV=TAG}. A split replaces the percentages and keeps existing tags (a tagged revision outside the
 * split stays reachable by its tag at 0%); a tag without a split leaves the percentages as they
 * are. {@code @latest} means the latest ready revision.
 */
final class TrafficPlan {

  static final String LATEST = "@latest";
  private static final Pattern TAG = Pattern.compile("[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?");

  private TrafficPlan() {}

  static List<TrafficTarget> plan(
      List<TrafficTarget> current, List<String> split, List<String> tags, Set<String> revisions) {
    if (split.isEmpty() && tags.isEmpty()) {
      throw CliFailure.usage("traffic needs --split REV=PCT[,REV=PCT] and/or --tag REV=TAG");
    }
    List<TrafficTarget> existing =
        current == null || current.isEmpty()
            ? List.of(latest(100L, null))
            : current.stream().map(t -> new TrafficTargetBuilder(t).withUrl(null).build()).toList();
    List<TrafficTarget> targets =
        split.isEmpty() ? new ArrayList<>(existing) : splitTargets(split, existing, revisions);
    Set<String> seenTags = new HashSet<>();
    for (String entry : tags) {
      String[] pair = pair(entry, "--tag", "REV=TAG");
      String revision = revision(pair[0], revisions);
      String tag = pair[1];
      if (!TAG.matcher(tag).matches()) {
        throw CliFailure.usage(
            "--tag " + entry + ": a tag is a DNS label (lowercase letters, digits, '-')");
      }
      if (!seenTags.add(tag)) {
        throw CliFailure.usage("--tag " + tag + " given twice");
      }
      targets = retag(targets, revision, tag);
    }
    // A 0% target without a tag routes nothing and would only clutter the Route.
    return targets.stream()
        .filter(t -> t.getPercent() != null && t.getPercent() > 0 || t.getTag() != null)
        .toList();
  }

  private static List<TrafficTarget> splitTargets(
      List<String> split, List<TrafficTarget> existing, Set<String> revisions) {
    List<TrafficTarget> targets = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    long total = 0;
    for (String entry : split) {
      String[] pair = pair(entry, "--split", "REV=PCT");
      String revision = revision(pair[0], revisions);
      long percent;
      try {
        percent =
            Long.parseLong(
                pair[1].endsWith("%") ? pair[1].substring(0, pair[1].length() - 1) : pair[1]);
      } catch (NumberFormatException e) {
        throw CliFailure.usage(
            "--split " + entry + ": the percentage must be a whole number 0-100");
      }
      if (percent < 0 || percent > 100) {
        throw CliFailure.usage(
            "--split " + entry + ": the percentage must be a whole number 0-100");
      }
      if (!seen.add(String.valueOf(revision))) {
        throw CliFailure.usage("--split names " + pair[0] + " twice");
      }
      total += percent;
      String tag =
          existing.stream()
              .filter(t -> sameTarget(t, revision) && t.getTag() != null)
              .map(TrafficTarget::getTag)
              .findFirst()
              .orElse(null);
      targets.add(revision == null ? latest(percent, tag) : pinned(revision, percent, tag));
    }
    if (total != 100) {
      throw CliFailure.usage("--split percentages add up to " + total + ", not 100");
    }
    for (TrafficTarget old : existing) {
      if (old.getTag() != null
          && targets.stream().noneMatch(t -> old.getTag().equals(t.getTag()))) {
        targets.add(new TrafficTargetBuilder(old).withPercent(0L).build());
      }
    }
    return targets;
  }

  /**
   * Moves {@code tag} onto the revision: onto its untagged target if there is one, else onto a new
   * 0% target.
   */
  private static List<TrafficTarget> retag(
      List<TrafficTarget> targets, String revision, String tag) {
    List<TrafficTarget> result = new ArrayList<>();
    for (TrafficTarget t : targets) {
      result.add(tag.equals(t.getTag()) ? new TrafficTargetBuilder(t).withTag(null).build() : t);
    }
    for (int i = 0; i < result.size(); i++) {
      TrafficTarget t = result.get(i);
      if (sameTarget(t, revision) && t.getTag() == null) {
        result.set(i, new TrafficTargetBuilder(t).withTag(tag).build());
        return result;
      }
    }
    result.add(revision == null ? latest(0L, tag) : pinned(revision, 0L, tag));
    return result;
  }

  private static boolean sameTarget(TrafficTarget t, String revision) {
    return revision == null
        ? Boolean.TRUE.equals(t.getLatestRevision())
        : !Boolean.TRUE.equals(t.getLatestRevision())
            && Objects.equals(revision, t.getRevisionName());
  }

  /** null for {@code @latest}; otherwise a revision that must exist. */
  private static String revision(String name, Set<String> revisions) {
    if (LATEST.equals(name)) {
      return null;
    }
    if (!revisions.contains(name)) {
      throw CliFailure.usage(
          "no revision "
              + name
              + "; revisions: "
              + (revisions.isEmpty()
                  ? "none"
                  : String.join(", ", revisions.stream().sorted().toList())));
    }
    return name;
  }

  private static String[] pair(String entry, String option, String shape) {
    int equals = entry.lastIndexOf('=');
    if (equals <= 0 || equals == entry.length() - 1) {
      throw CliFailure.usage(option + " " + entry + ": expected " + shape);
    }
    return new String[] {entry.substring(0, equals).trim(), entry.substring(equals + 1).trim()};
  }

  static TrafficTarget latest(long percent, String tag) {
    return new TrafficTargetBuilder()
        .withLatestRevision(true)
        .withPercent(percent)
        .withTag(tag)
        .build();
  }

  static TrafficTarget pinned(String revision, long percent, String tag) {
    return new TrafficTargetBuilder()
        .withRevisionName(revision)
        .withLatestRevision(false)
        .withPercent(percent)
        .withTag(tag)
        .build();
  }
}
