package io.soma.hub.orchestration.memory;

import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/**
 * Re-indexes a campaign's memory: remembers the campaign's artifacts under its keys, then
 * re-tokenises (and, with an embeddings provider, re-embeds) every entry tagged with the campaign.
 * Runs on {@code TaskQueues.SESSIONS}.
 */
@WorkflowInterface
public interface MemoryRefreshWorkflow {

  String TYPE = "memory-refresh-workflow";

  @WorkflowMethod(name = TYPE)
  MemoryRefreshResult run(MemoryRefreshRequest request);
}
