package io.soma.hub.orchestration.memory;

import io.soma.hub.orchestration.events.HubEventTypes;
import io.soma.hub.orchestration.events.WorkflowEvents;
import io.soma.hub.orchestration.memory.MemoryRefreshProgress.Phase;
import io.temporal.failure.ActivityFailure;
import io.temporal.workflow.Workflow;
import java.util.Map;
import org.slf4j.Logger;

/**
 * Pages through the campaign's artifacts, writes its summary, then pages through its entries to
 * re-index and (with a provider) re-embed them. Each page is one activity of bounded size; a long
 * refresh continues as new with its progress, so its history stays bounded too. An embeddings
 * failure ends embedding, never the refresh: the lexical index is complete by then and the result
 * says why embedding stopped.
 */
public class MemoryRefreshWorkflowImpl implements MemoryRefreshWorkflow {

  private static final Logger log = Workflow.getLogger(MemoryRefreshWorkflowImpl.class);

  static final int ARTIFACT_PAGE = 50;
  static final int REINDEX_PAGE = 100;
  static final int EMBEDDINGS_PAGE = 32;

  /** A backstop beside Temporal's own continue-as-new suggestion: pages per run. */
  static final int MAX_PAGES_PER_RUN = 500;

  private final MemoryRefreshActivities activities =
      Workflow.newActivityStub(
          MemoryRefreshActivities.class,
          MemoryRefreshActivityOptions.STORE_PAGE,
          MemoryRefreshActivityOptions.byActivity());

  private final boolean eventsEnabled;

  /** Without events. */
  public MemoryRefreshWorkflowImpl() {
    this(false);
  }

  /**
   * @param eventsEnabled whether this worker publishes events (see {@link WorkflowEvents})
   */
  public MemoryRefreshWorkflowImpl(boolean eventsEnabled) {
    this.eventsEnabled = eventsEnabled;
  }

  @Override
  public MemoryRefreshResult run(MemoryRefreshRequest request) {
    WorkflowEvents events = WorkflowEvents.start(eventsEnabled);
    MemoryRefreshProgress progress =
        request.carried() == null ? MemoryRefreshProgress.start() : request.carried();
    log.info(
        "Memory refresh of campaign {} (tenant {}, force {}) at {}",
        request.campaign(),
        request.tenant(),
        request.force(),
        progress.phase());
    int pages = 0;
    while (progress.phase() != Phase.DONE) {
      if (pages >= MAX_PAGES_PER_RUN || Workflow.getInfo().isContinueAsNewSuggested()) {
        Workflow.continueAsNew(request.continuedWith(progress));
      }
      progress = next(request, progress);
      pages++;
    }
    log.info("Memory refresh of campaign {} done: {}", request.campaign(), progress);
    // The workflow id, not the run's: the same in every run and every retry of this refresh.
    String refresh = Workflow.getInfo().getWorkflowId();
    events.publish(
        HubEventTypes.MEMORY_REFRESHED,
        refresh,
        request.tenant(),
        Map.of(
            "campaign", request.campaign(),
            "artifacts_remembered", Integer.toString(progress.artifactsRemembered()),
            "entries_reindexed", Integer.toString(progress.entriesReindexed())));
    return new MemoryRefreshResult(
        request.tenant(),
        request.campaign(),
        request.force(),
        progress.artifactsRemembered(),
        progress.artifactsUnchanged(),
        progress.entriesReindexed(),
        progress.entriesUnchanged(),
        progress.entriesEmbedded(),
        progress.embeddingsError());
  }

  private MemoryRefreshProgress next(MemoryRefreshRequest request, MemoryRefreshProgress p) {
    return switch (p.phase()) {
      case ARTIFACTS -> {
        ArtifactPage page =
            activities.rememberArtifacts(
                new ArtifactPageRequest(
                    request.tenant(),
                    request.campaign(),
                    request.force(),
                    p.afterModule(),
                    p.afterName(),
                    ARTIFACT_PAGE));
        yield new MemoryRefreshProgress(
            page.last() ? Phase.SUMMARY : Phase.ARTIFACTS,
            page.lastModule(),
            page.lastName(),
            p.afterKey(),
            p.artifactsRemembered() + page.remembered(),
            p.artifactsUnchanged() + page.unchanged(),
            p.entriesReindexed(),
            p.entriesUnchanged(),
            p.entriesEmbedded(),
            p.embeddingsError());
      }
      case SUMMARY -> {
        activities.rememberCampaignSummary(
            new CampaignSummaryRequest(request.tenant(), request.campaign(), request.force()));
        yield new MemoryRefreshProgress(
            Phase.REINDEX,
            p.afterModule(),
            p.afterName(),
            "",
            p.artifactsRemembered(),
            p.artifactsUnchanged(),
            p.entriesReindexed(),
            p.entriesUnchanged(),
            p.entriesEmbedded(),
            p.embeddingsError());
      }
      case REINDEX -> {
        EntryPage page =
            activities.reindexEntries(
                new EntryPageRequest(
                    request.tenant(),
                    request.campaign(),
                    request.force(),
                    p.afterKey(),
                    REINDEX_PAGE));
        yield new MemoryRefreshProgress(
            page.last() ? Phase.EMBEDDINGS : Phase.REINDEX,
            p.afterModule(),
            p.afterName(),
            page.last() ? "" : page.lastKey(),
            p.artifactsRemembered(),
            p.artifactsUnchanged(),
            p.entriesReindexed() + page.processed(),
            p.entriesUnchanged() + page.skipped(),
            p.entriesEmbedded(),
            p.embeddingsError());
      }
      case EMBEDDINGS -> embed(request, p);
      case DONE -> p;
    };
  }

  private MemoryRefreshProgress embed(MemoryRefreshRequest request, MemoryRefreshProgress p) {
    try {
      EntryPage page =
          activities.embedEntries(
              new EntryPageRequest(
                  request.tenant(),
                  request.campaign(),
                  request.force(),
                  p.afterKey(),
                  EMBEDDINGS_PAGE));
      return new MemoryRefreshProgress(
          page.last() ? Phase.DONE : Phase.EMBEDDINGS,
          p.afterModule(),
          p.afterName(),
          page.lastKey(),
          p.artifactsRemembered(),
          p.artifactsUnchanged(),
          p.entriesReindexed(),
          p.entriesUnchanged(),
          p.entriesEmbedded() + page.processed(),
          p.embeddingsError());
    } catch (ActivityFailure failure) {
      String reason =
          failure.getCause() != null ? failure.getCause().getMessage() : failure.getMessage();
      log.warn("Memory refresh of campaign {} stopped embedding: {}", request.campaign(), reason);
      return new MemoryRefreshProgress(
          Phase.DONE,
          p.afterModule(),
          p.afterName(),
          p.afterKey(),
          p.artifactsRemembered(),
          p.artifactsUnchanged(),
          p.entriesReindexed(),
          p.entriesUnchanged(),
          p.entriesEmbedded(),
          reason);
    }
  }
}
