package io.soma.hub.store.memory;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Base64;

/**
 * Unit-length float32 vectors, stored as little-endian base64 text; with unit length, cosine is a
 * dot product.
 */
public final class EmbeddingVectors {

  private EmbeddingVectors() {}

  /** The vector scaled to unit length; a zero vector stays zero (it matches nothing). */
  public static float[] unit(float[] vector) {
    double sum = 0;
    for (float v : vector) {
      sum += (double) v * v;
    }
    float[] unit = vector.clone();
    if (sum == 0) {
      return unit;
    }
    double norm = Math.sqrt(sum);
    for (int i = 0; i < unit.length; i++) {
      unit[i] = (float) (unit[i] / norm);
    }
    return unit;
  }

  public static String encode(float[] vector) {
    ByteBuffer bytes =
        ByteBuffer.allocate(vector.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
    for (float v : vector) {
      bytes.putFloat(v);
    }
    return Base64.getEncoder().encodeToString(bytes.array());
  }

  public static float[] decode(String encoded) {
    ByteBuffer bytes =
        ByteBuffer.wrap(Base64.getDecoder().decode(encoded)).order(ByteOrder.LITTLE_ENDIAN);
    float[] vector = new float[bytes.remaining() / Float.BYTES];
    for (int i = 0; i < vector.length; i++) {
      vector[i] = bytes.getFloat();
    }
    return vector;
  }

  /**
   * Cosine similarity of two unit vectors; vectors of different dimensions (another model) do not
   * match: 0.
   */
  public static double cosine(float[] a, float[] b) {
    if (a.length != b.length) {
      return 0;
    }
    double dot = 0;
    for (int i = 0; i < a.length; i++) {
      dot += (double) a[i] * b[i];
    }
    return dot;
  }
}
