package io.soma.hub.functions.memory;

/**
 * The answer of {@code POST /v1/memory/refresh}: {@code {workflow_id, status}}, status being the
 * refresh workflow's (RUNNING, COMPLETED, FAILED, CANCELLED, TERMINATED, TIMED_OUT).
 */
public record RefreshAccepted(String workflowId, String status) {}
