package io.soma.hub.functions.memory;

import io.soma.hub.functions.errors.InvalidInputException;
import io.soma.hub.functions.http.GatewayJson;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * The body of {@code POST /v1/memory}. The value is any JSON value except null (a string, number,
 * boolean, array or object) and is recalled exactly as sent; at most 32 KiB as compact JSON.
 */
public record RememberBody(String key, JsonNode value, Map<String, String> metadata) {

  static final int MAX_VALUE_BYTES = 32 * 1024;

  public RememberBody {
    KeyRules.check(key);
    if (value == null || value.isNull() || value.isMissingNode()) {
      throw new InvalidInputException("value", "is required and must not be null");
    }
    int size = GatewayJson.MAPPER.writeValueAsBytes(value).length;
    if (size > MAX_VALUE_BYTES) {
      throw new InvalidInputException(
          "value", "must be at most " + MAX_VALUE_BYTES + " bytes as JSON (got " + size + ")");
    }
    metadata = MetadataRules.check(metadata);
  }

  String valueJson() {
    return GatewayJson.MAPPER.writeValueAsString(value);
  }
}
