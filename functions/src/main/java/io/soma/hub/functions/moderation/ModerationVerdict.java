package io.soma.hub.functions.moderation;

import java.util.List;

/** The outcome of moderating one prompt. {@code strikeCount} is the caller's strikes in force after this prompt. */
public record ModerationVerdict(
    boolean allowed, int strikeCount, List<String> flaggedTerms, List<String> reasons, boolean bypassed) {

  public ModerationVerdict {
    flaggedTerms = List.copyOf(flaggedTerms);
    reasons = List.copyOf(reasons);
  }
}
