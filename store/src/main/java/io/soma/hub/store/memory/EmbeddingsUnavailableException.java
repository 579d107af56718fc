package io.soma.hub.store.memory;

/**
 * The embeddings provider did not answer usefully: unreachable, timed out, an HTTP error or a
 * malformed answer.
 */
public class EmbeddingsUnavailableException extends RuntimeException {

  private final boolean retryable;

  public EmbeddingsUnavailableException(String message) {
    this(message, true, null);
  }

  public EmbeddingsUnavailableException(String message, boolean retryable, Throwable cause) {
    super(message, cause);
    this.retryable = retryable;
  }

  /**
   * False when sending the same request again cannot succeed (a 4xx other than 408/429, a malformed
   * answer).
   */
  public boolean retryable() {
    return retryable;
  }
}
