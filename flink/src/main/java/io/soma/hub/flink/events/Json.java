package io.soma.hub.flink.events;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The one Jackson mapper of the job (thread-safe once configured), its parser factory and compact
 * writing of a node.
 */
public final class Json {

  /**
   * Strict reading: trailing garbage or a repeated key makes a record ambiguous, so it is not JSON
   * here.
   */
  public static final ObjectMapper MAPPER =
      JsonMapper.builder()
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
          .build();

  /**
   * The mapper's own factory, so the streaming parser reads with exactly the mapper's features and
   * limits.
   */
  public static final JsonFactory FACTORY = MAPPER.getFactory();

  private Json() {}

  public static ObjectNode object() {
    return MAPPER.createObjectNode();
  }

  public static String write(ObjectNode node) {
    // An ObjectNode of strings and numbers always serialises; a failure here is a bug, not bad
    // input.
    try {
      return MAPPER.writeValueAsString(node);
    } catch (Exception e) {
      throw new IllegalStateException("cannot write JSON", e);
    }
  }
}
