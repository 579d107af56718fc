package io.soma.hub.orchestration.memory;

/**
 * What a refresh did.
 *
 * @param artifactsRemembered campaign artifacts written to memory (new or changed, or all with
 *     force)
 * @param artifactsUnchanged campaign artifacts whose memory entry was already current
 * @param entriesReindexed campaign entries whose postings were rebuilt
 * @param entriesUnchanged campaign entries whose postings were current and were skipped
 * @param entriesEmbedded campaign entries given a new embedding (0 without an embeddings provider)
 * @param embeddingsError why embedding stopped early, or null; the lexical index is complete either
 *     way
 */
public record MemoryRefreshResult(
    String tenant,
    String campaign,
    boolean force,
    int artifactsRemembered,
    int artifactsUnchanged,
    int entriesReindexed,
    int entriesUnchanged,
    int entriesEmbedded,
    String embeddingsError) {}
