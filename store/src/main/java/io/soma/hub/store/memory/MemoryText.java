package io.soma.hub.store.memory;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.TreeMap;

/**
 * The searchable text of an entry: its key, the field names and scalar values of its JSON value
 * (not the JSON punctuation, nor {@code null}/{@code true}/{@code false}), and its metadata values.
 * Indexing and embeddings read the same text.
 */
public final class MemoryText {

  static final ObjectMapper JSON = new ObjectMapper();

  /** Enough for any embedding model's context; the index itself reads the whole text. */
  static final int MAX_EMBEDDING_INPUT_CHARS = 8_000;

  private MemoryText() {}

  public static String of(String key, String valueJson, Map<String, String> metadata) {
    StringBuilder text = new StringBuilder(key).append('\n');
    appendLeaves(parse(valueJson), text);
    new TreeMap<>(metadata)
        .forEach((name, value) -> text.append(name).append(' ').append(value).append('\n'));
    return text.toString();
  }

  /** The text handed to the embeddings provider, cut to a size every provider accepts. */
  public static String forEmbedding(String key, String valueJson, Map<String, String> metadata) {
    String text = of(key, valueJson, metadata);
    return text.length() <= MAX_EMBEDDING_INPUT_CHARS
        ? text
        : text.substring(0, MAX_EMBEDDING_INPUT_CHARS);
  }

  static JsonNode parse(String json) {
    try {
      return JSON.readTree(json);
    } catch (IOException e) {
      throw new UncheckedIOException("a memory value is not JSON", e);
    }
  }

  private static void appendLeaves(JsonNode node, StringBuilder text) {
    if (node == null || node.isNull() || node.isBoolean()) {
      return;
    }
    if (node.isObject()) {
      node.properties()
          .forEach(
              field -> {
                text.append(field.getKey()).append(' ');
                appendLeaves(field.getValue(), text);
              });
    } else if (node.isArray()) {
      node.forEach(element -> appendLeaves(element, text));
    } else {
      text.append(node.asText()).append('\n');
    }
  }
}
