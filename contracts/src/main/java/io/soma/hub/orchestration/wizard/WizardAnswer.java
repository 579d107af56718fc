package io.soma.hub.orchestration.wizard;

/**
 * The answer to the current question, as a JSON value: String, Number, Boolean, a List of those, or null to skip an
 * optional question.
 */
public record WizardAnswer(Object value) {}
