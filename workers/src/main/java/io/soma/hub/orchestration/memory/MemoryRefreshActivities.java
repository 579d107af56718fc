package io.soma.hub.orchestration.memory;

import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;

/**
 * The side effects of a memory refresh, one bounded page at a time. Every one is idempotent: it
 * writes entries by their deterministic keys and compares content hashes, so a retried page changes
 * nothing a first attempt wrote.
 */
@ActivityInterface
public interface MemoryRefreshActivities {

  String REMEMBER_ARTIFACTS = "memory-remember-artifacts";
  String REMEMBER_CAMPAIGN_SUMMARY = "memory-remember-campaign-summary";
  String REINDEX_ENTRIES = "memory-reindex-entries";
  String EMBED_ENTRIES = "memory-embed-entries";

  @ActivityMethod(name = REMEMBER_ARTIFACTS)
  ArtifactPage rememberArtifacts(ArtifactPageRequest request);

  /**
   * Returns true when the summary entry was written, false when it was current (or there is nothing
   * to index).
   */
  @ActivityMethod(name = REMEMBER_CAMPAIGN_SUMMARY)
  boolean rememberCampaignSummary(CampaignSummaryRequest request);

  @ActivityMethod(name = REINDEX_ENTRIES)
  EntryPage reindexEntries(EntryPageRequest request);

  /** Without an embeddings provider, answers an empty last page at once. */
  @ActivityMethod(name = EMBED_ENTRIES)
  EntryPage embedEntries(EntryPageRequest request);
}
