package io.soma.hub.functions.moderation;

import io.soma.hub.functions.errors.RefusedException;
import java.util.List;
import java.util.Map;

/**
 * The outcome of moderating one prompt. {@code strikeCount} is the caller's strikes in force after
 * this prompt.
 */
public record ModerationVerdict(
    boolean allowed,
    int strikeCount,
    List<String> flaggedTerms,
    List<String> reasons,
    boolean bypassed) {

  public ModerationVerdict {
    flaggedTerms = List.copyOf(flaggedTerms);
    reasons = List.copyOf(reasons);
  }

  /** The answer to a blocked prompt (403): what moderation found, and the caller's strikes. */
  public RefusedException refusal() {
    return new RefusedException(
        "the prompt was blocked by moderation",
        Map.of("strike_count", strikeCount, "flagged_terms", flaggedTerms, "reasons", reasons));
  }
}
