package io.soma.hub.orchestration.model;

/** Answers a prompt. Implementations signal failures as Temporal application failures (retryable or not). */
public interface ModelProvider {

  ModelReply complete(String prompt);
}
