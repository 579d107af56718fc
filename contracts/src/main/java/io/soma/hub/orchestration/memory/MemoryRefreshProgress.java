package io.soma.hub.orchestration.memory;

/**
 * Where a refresh stands: its phase, the cursor within it and the counts so far. Carried across
 * continue-as-new, so a campaign with very many entries never grows one history without bound.
 */
public record MemoryRefreshProgress(
    Phase phase,
    String afterModule,
    String afterName,
    String afterKey,
    int artifactsRemembered,
    int artifactsUnchanged,
    int entriesReindexed,
    int entriesUnchanged,
    int entriesEmbedded,
    String embeddingsError) {

  public enum Phase {
    ARTIFACTS,
    SUMMARY,
    REINDEX,
    EMBEDDINGS,
    DONE
  }

  public static MemoryRefreshProgress start() {
    return new MemoryRefreshProgress(Phase.ARTIFACTS, "", "", "", 0, 0, 0, 0, 0, null);
  }
}
