package io.soma.hub.store.memory;

/** One search result: the entry and its score (BM25, or cosine similarity with embeddings). */
public record MemoryMatch(MemoryEntry entry, double score) {}
