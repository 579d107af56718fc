package io.soma.hub.orchestration.session;

/** What the model completion activity needs: whose session it is and the prompt. */
public record CompletionRequest(String sessionId, String tenant, String prompt) {}
