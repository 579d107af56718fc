package io.soma.hub.orchestration.wizard;

/**
 * An answer to the current question.
 *
 * @param value the answer as a JSON value: String, Number, Boolean, a List of those, or null to
 *     skip an optional question
 * @param questionId the question the answer is meant for, or null for whichever is current; when
 *     given and not current, the answer is rejected ({@link WizardFailures#NOT_CURRENT_QUESTION})
 *     rather than recorded against the next question
 */
public record WizardAnswer(Object value, String questionId) {}
