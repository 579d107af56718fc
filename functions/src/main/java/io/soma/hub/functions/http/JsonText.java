package io.soma.hub.functions.http;

import io.soma.hub.functions.errors.InvalidInputException;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * The characters a JSON string may hold in a request: any Unicode scalar value but U+0000. A {@code
 * \\u} escape can spell what UTF-8 cannot (a lone surrogate, which no store gives back as sent) or
 * what PostgreSQL refuses to store (NUL); both are 400 naming the field, before anything is stored
 * or started. A field name is at most {@link EdgeLimits#MAX_JSON_NAME_CHARS} characters (code
 * points).
 */
final class JsonText {

  private JsonText() {}

  static void check(JsonNode node, String path) {
    if (node.isString()) {
      checkString(node.asString(), path.isEmpty() ? "body" : path);
    } else if (node.isArray()) {
      for (int i = 0; i < node.size(); i++) {
        check(node.get(i), path + "[" + i + "]");
      }
    } else if (node.isObject()) {
      for (Map.Entry<String, JsonNode> field : node.properties()) {
        if (Characters.count(field.getKey()) > EdgeLimits.MAX_JSON_NAME_CHARS) {
          throw new InvalidInputException(
              path.isEmpty() ? "body" : path,
              "field names must be at most " + EdgeLimits.MAX_JSON_NAME_CHARS + " characters");
        }
        String fieldPath = path.isEmpty() ? field.getKey() : path + "." + field.getKey();
        checkString(field.getKey(), fieldPath);
        check(field.getValue(), fieldPath);
      }
    }
  }

  private static void checkString(String text, String field) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == 0) {
        throw new InvalidInputException(field, "must not contain U+0000");
      }
      if (Character.isHighSurrogate(c)
          && i + 1 < text.length()
          && Character.isLowSurrogate(text.charAt(i + 1))) {
        i++;
      } else if (Character.isSurrogate(c)) {
        throw new InvalidInputException(
            field, "must not contain a lone surrogate (\\\\u" + Integer.toHexString(c) + ")");
      }
    }
  }
}
