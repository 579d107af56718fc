package io.soma.hub.store.memory;

import io.soma.hub.store.memory.Bm25Ranking.Scored;
import io.soma.hub.store.memory.MemorySearchResult.Ranking;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Searches one tenant's memory: by embeddings when a provider is configured and answers, lexically
 * (BM25) otherwise. A provider failure never fails the search: it is ranked lexically and the
 * result says why.
 */
public class MemorySearch {

  private static final Logger log = LoggerFactory.getLogger(MemorySearch.class);

  /**
   * Entries written while the provider was down have no embedding yet; each search embeds up to
   * this many of them in the same provider call as its query, so they join the embeddings ranking
   * without a separate job.
   */
  static final int CATCH_UP_EMBEDDINGS_PER_SEARCH = 16;

  private final MemoryStore store;
  private final Bm25Ranking lexical;
  private final Embeddings embeddings;

  public MemorySearch(MemoryStore store, Embeddings embeddings) {
    this.store = store;
    this.lexical = new Bm25Ranking(store.jdbc());
    this.embeddings = embeddings;
  }

  public MemorySearchResult search(String tenant, String query, int limit) {
    if (!embeddings.configured()) {
      return lexical(tenant, query, limit, null);
    }
    try {
      return byEmbeddings(tenant, query, limit);
    } catch (EmbeddingsUnavailableException e) {
      log.warn("Memory search of tenant {} ranked lexically: {}", tenant, e.getMessage());
      return lexical(
          tenant, query, limit, "the embeddings provider failed (" + e.getMessage() + ")");
    }
  }

  /**
   * Embeds a freshly written entry; a provider failure leaves it for a later search or the memory
   * refresh.
   */
  public void embedQuietly(String tenant, MemoryStore.Remembered remembered) {
    if (!embeddings.configured()) {
      return;
    }
    MemoryEntry entry = remembered.entry();
    try {
      float[] vector =
          embeddings
              .embed(
                  List.of(
                      MemoryText.forEmbedding(entry.key(), entry.valueJson(), entry.metadata())))
              .get(0);
      store.storeEmbedding(
          tenant, entry.key(), remembered.contentSha256(), embeddings.model(), vector);
    } catch (EmbeddingsUnavailableException e) {
      log.warn(
          "Memory entry {} of tenant {} is not embedded yet: {}",
          entry.key(),
          tenant,
          e.getMessage());
    }
  }

  private MemorySearchResult lexical(
      String tenant, String query, int limit, String fallbackReason) {
    List<Scored> top = lexical.top(tenant, query, limit);
    return new MemorySearchResult(matches(tenant, top), Ranking.LEXICAL, fallbackReason);
  }

  private MemorySearchResult byEmbeddings(String tenant, String query, int limit) {
    List<MemoryStore.IndexState> stale =
        store.lackingEmbedding(tenant, embeddings.model(), CATCH_UP_EMBEDDINGS_PER_SEARCH);
    List<String> inputs = new ArrayList<>();
    inputs.add(query);
    stale.forEach(
        s ->
            inputs.add(
                MemoryText.forEmbedding(
                    s.entry().key(), s.entry().valueJson(), s.entry().metadata())));
    List<float[]> vectors = embeddings.embed(inputs);
    for (int i = 0; i < stale.size(); i++) {
      MemoryStore.IndexState state = stale.get(i);
      store.storeEmbedding(
          tenant,
          state.entry().key(),
          state.contentSha256(),
          embeddings.model(),
          vectors.get(i + 1));
    }
    float[] queryVector = vectors.get(0);
    // A bounded heap: the tenant's vectors stream past once and only the best `limit` stay in
    // memory.
    PriorityQueue<Scored> best =
        new PriorityQueue<>(
            Comparator.comparingDouble(Scored::score)
                .thenComparing(Scored::key, Comparator.reverseOrder()));
    store.forEachEmbedding(
        tenant,
        embeddings.model(),
        (key, vector) -> {
          best.add(new Scored(key, EmbeddingVectors.cosine(queryVector, vector)));
          if (best.size() > limit) {
            best.poll();
          }
        });
    List<Scored> top = new ArrayList<>(best);
    top.sort(Comparator.comparingDouble(Scored::score).reversed().thenComparing(Scored::key));
    return new MemorySearchResult(matches(tenant, top), Ranking.EMBEDDINGS, null);
  }

  private List<MemoryMatch> matches(String tenant, List<Scored> top) {
    Map<String, MemoryEntry> entries =
        store.recallAll(tenant, top.stream().map(Scored::key).toList());
    return top.stream()
        .filter(scored -> entries.containsKey(scored.key()))
        .map(scored -> new MemoryMatch(entries.get(scored.key()), scored.score()))
        .toList();
  }
}
