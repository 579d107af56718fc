package io.soma.hub.orchestration.wizard;

/**
 * Approval of a completed wizard's plan.
 *
 * @param subject who approved (becomes the campaign's subject)
 * @param approvalTimeoutSeconds how long the campaign's {@code review_approval} waits for its
 *     approval signal
 */
public record WizardApproval(String subject, long approvalTimeoutSeconds) {}
