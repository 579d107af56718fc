package io.soma.hub.functions.http;

import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The OpenAPI document as a JSON tree, and each of its schemas as a JSON Schema 2020-12 validator.
 */
final class OpenApiSchemas {

  static final JsonMapper JSON = JsonMapper.builder().build();
  private static final SchemaRegistry REGISTRY =
      SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);

  private final ObjectNode document;
  private final Map<JsonNode, Schema> validators = new ConcurrentHashMap<>();

  OpenApiSchemas(Map<String, Object> tree) {
    this.document = JSON.valueToTree(tree);
  }

  /**
   * An ECMA-262 pattern (JSON Schema's dialect) for java.util.regex, which the validator uses:
   * ECMA's {@code $} is the end of input, Java's also matches before a final line break, so a
   * closing {@code $} becomes {@code \z}.
   */
  static String javaPattern(String ecma) {
    return ecma.endsWith("$") && !ecma.endsWith("\\$")
        ? ecma.substring(0, ecma.length() - 1) + "\\z"
        : ecma;
  }

  private static JsonNode withJavaPatterns(JsonNode node) {
    JsonNode copy = node.deepCopy();
    copy.findParents("pattern")
        .forEach(
            parent -> {
              if (parent.get("pattern").isString()) {
                ((ObjectNode) parent).put("pattern", javaPattern(parent.get("pattern").asString()));
              }
            });
    return copy;
  }

  /** An object's member names, in order. */
  static List<String> names(JsonNode object) {
    return new ArrayList<>(object.propertyNames());
  }

  JsonNode document() {
    return document;
  }

  /** The node at a JSON pointer, following a {@code $ref} there. */
  JsonNode at(String pointer) {
    return resolve(document.at(pointer));
  }

  JsonNode resolve(JsonNode node) {
    while (node.has("$ref")) {
      node = document.at(node.get("$ref").asString().substring(1));
    }
    return node;
  }

  /** Whether the value is valid for the schema (refs resolve against the document's components). */
  boolean accepts(JsonNode schema, JsonNode value) {
    return validator(schema).validate(value).isEmpty();
  }

  private Schema validator(JsonNode schema) {
    return validators.computeIfAbsent(
        schema,
        s -> {
          ObjectNode root = JSON.createObjectNode();
          root.put("$schema", "https://json-schema.org/draft/2020-12/schema");
          root.set("components", withJavaPatterns(document.get("components")));
          root.setAll((ObjectNode) withJavaPatterns(s));
          return REGISTRY.getSchema(root);
        });
  }
}
