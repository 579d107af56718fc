package io.soma.hub.store.memory;

import java.util.List;

/**
 * Ranked matches and how they were ranked.
 *
 * @param fallbackReason why embeddings were configured but the ranking is lexical, or null
 */
public record MemorySearchResult(
    List<MemoryMatch> matches, Ranking ranking, String fallbackReason) {

  public enum Ranking {
    LEXICAL("lexical"),
    EMBEDDINGS("embeddings");

    private final String wireName;

    Ranking(String wireName) {
      this.wireName = wireName;
    }

    public String wireName() {
      return wireName;
    }
  }

  public MemorySearchResult {
    matches = List.copyOf(matches);
  }
}
