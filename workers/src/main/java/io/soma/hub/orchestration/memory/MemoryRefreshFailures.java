package io.soma.hub.orchestration.memory;

/** Failure types of the memory refresh activities; the non-retryable ones stop retries at once. */
public final class MemoryRefreshFailures {

  /** The embeddings provider is overloaded, failing or unreachable; retried. */
  public static final String EMBEDDINGS_UNAVAILABLE = "EmbeddingsUnavailable";

  /**
   * The embeddings provider refused the request or answered nonsense; retrying the same request
   * cannot help.
   */
  public static final String EMBEDDINGS_REJECTED = "EmbeddingsRejected";

  private MemoryRefreshFailures() {}
}
