package io.soma.hub.orchestration.wizard;

/** The campaign an approved wizard started: its id and the id of its workflow. */
public record ApprovalAccepted(String campaignId, String workflowId) {}
