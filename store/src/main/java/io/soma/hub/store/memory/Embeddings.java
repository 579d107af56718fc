package io.soma.hub.store.memory;

import java.util.List;

/**
 * Turns texts into vectors. {@link #none()} when no provider is configured: search then ranks
 * lexically.
 */
public interface Embeddings {

  boolean configured();

  /**
   * The model whose vectors these are; stored with each vector, so a change of model means
   * re-embedding.
   */
  String model();

  /**
   * One vector per input, in input order, each scaled to unit length.
   *
   * @throws EmbeddingsUnavailableException when the provider cannot answer; callers decide whether
   *     to fall back
   */
  List<float[]> embed(List<String> inputs);

  static Embeddings none() {
    return new Embeddings() {
      @Override
      public boolean configured() {
        return false;
      }

      @Override
      public String model() {
        return "";
      }

      @Override
      public List<float[]> embed(List<String> inputs) {
        throw new EmbeddingsUnavailableException(
            "no embeddings provider is configured (HUB_EMBEDDINGS_BASE_URL)");
      }
    };
  }
}
