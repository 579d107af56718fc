package io.soma.hub.orchestration.campaign;

/** The approval signal: a reviewer approves or rejects the campaign waiting in {@code review_approval}. */
public record ApprovalDecision(boolean approved, String comment, String decidedBy) {}
