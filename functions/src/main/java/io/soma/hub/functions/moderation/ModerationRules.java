package io.soma.hub.functions.moderation;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The configured blocklist and threshold. Matching is a case-insensitive substring match so that a
 * term cannot be slipped past by inflection ("exploits") or casing.
 */
public record ModerationRules(List<String> blocklist, int blockAfterStrikes) {

  public ModerationRules {
    blocklist =
        blocklist.stream()
            .map(t -> t.trim().toLowerCase(Locale.ROOT))
            .filter(t -> !t.isEmpty())
            .distinct()
            .toList();
    blockAfterStrikes = Math.max(1, blockAfterStrikes);
  }

  public static ModerationRules parse(String commaSeparatedBlocklist, int blockAfterStrikes) {
    return new ModerationRules(
        Arrays.asList(commaSeparatedBlocklist.split(",")), blockAfterStrikes);
  }

  /** The blocklisted terms the prompt contains, in blocklist order. */
  public List<String> flaggedTerms(String prompt) {
    String text = prompt.toLowerCase(Locale.ROOT);
    return blocklist.stream().filter(text::contains).toList();
  }
}
