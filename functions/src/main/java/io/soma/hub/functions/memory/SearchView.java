package io.soma.hub.functions.memory;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.soma.hub.functions.http.GatewayJson;
import io.soma.hub.store.memory.MemorySearchResult;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * Ranked matches on the wire: {@code {matches:[{key, value, score, metadata}],
 * ranking:"lexical"|"embeddings"}}, and {@code fallback_reason} when an embeddings provider is
 * configured but failed, so the ranking is lexical.
 */
public record SearchView(
    List<Match> matches,
    String ranking,
    @JsonInclude(JsonInclude.Include.NON_NULL) String fallbackReason) {

  public record Match(String key, JsonNode value, double score, Map<String, String> metadata) {}

  static SearchView of(MemorySearchResult result) {
    return new SearchView(
        result.matches().stream()
            .map(
                match ->
                    new Match(
                        match.entry().key(),
                        GatewayJson.MAPPER.readTree(match.entry().valueJson()),
                        Math.round(match.score() * 1_000_000d) / 1_000_000d,
                        match.entry().metadata()))
            .toList(),
        result.ranking().wireName(),
        result.fallbackReason());
  }
}
