package io.soma.hub.functions.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.soma.hub.functions.errors.InvalidInputException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Each request body's schema accepts exactly what its record accepts: for every field, values
 * around each rule (absent, null, blank, U+0000, other types, each length, count and range limit
 * and one past it, counted in emoji as well as letters) are sent to both, and both must say the
 * same. The limits in the document are thereby the limits in code, whatever constant holds them.
 */
class OpenApiBodiesContractTest {

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private static final String EMOJI = "\uD83D\uDE00";
  private static final JsonNode ABSENT = NODES.missingNode();

  static Stream<GatewayRoute> bodyRoutes() {
    return OpenApiContractTest.routes().filter(route -> route.bodyType() != null);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("bodyRoutes")
  void theSchemaAcceptsWhatTheRecordAccepts(GatewayRoute route) {
    OpenApiSchemas document = OpenApiContractTest.DOCUMENT;
    JsonNode schema =
        OpenApiContractTest.operation(route).at("/requestBody/content/application~1json/schema");
    ObjectNode example = (ObjectNode) OpenApiContractTest.example(route);
    List<String> disagreements = new ArrayList<>();
    check(document, schema, route, example, "the example", disagreements);
    ObjectNode unknown = example.deepCopy().put("unknown_field", 1);
    check(document, schema, route, unknown, "an unknown field", disagreements);
    document
        .resolve(schema)
        .get("properties")
        .properties()
        .forEach(
            field -> {
              for (Map.Entry<String, JsonNode> probe :
                  probes(document, field.getValue()).entrySet()) {
                ObjectNode body = example.deepCopy();
                if (probe.getValue().isMissingNode()) {
                  body.remove(field.getKey());
                } else {
                  body.set(field.getKey(), probe.getValue());
                }
                check(
                    document,
                    schema,
                    route,
                    body,
                    field.getKey() + " " + probe.getKey(),
                    disagreements);
              }
            });

    assertThat(disagreements).isEmpty();
  }

  private static void check(
      OpenApiSchemas document,
      JsonNode schema,
      GatewayRoute route,
      JsonNode body,
      String what,
      List<String> disagreements) {
    boolean documented = document.accepts(schema, body);
    boolean coded;
    try {
      JsonBodies.parse(body.toString(), route.bodyType());
      coded = true;
    } catch (InvalidInputException e) {
      coded = false;
    }
    if (documented != coded) {
      disagreements.add(
          what
              + ": the document "
              + (documented ? "accepts" : "refuses")
              + " it, the code "
              + (coded ? "accepts" : "refuses")
              + " it: "
              + abbreviate(body.toString()));
    }
  }

  /** Values around every rule the field's schema (or its record) might have. */
  private static Map<String, JsonNode> probes(OpenApiSchemas document, JsonNode field) {
    Map<String, JsonNode> probes = new LinkedHashMap<>();
    probes.put("absent", ABSENT);
    probes.put("null", NODES.nullNode());
    for (String text :
        List.of(
            "",
            " ",
            "\t\n",
            "\u00a0",
            "\u3000",
            "a",
            "a\u0000b",
            ".",
            "..",
            "a b",
            "k:@~-_.",
            "true",
            "1")) {
      probes.put("\"" + text + "\"", NODES.stringNode(text));
    }
    for (long number : List.of(-1L, 0L, 1L, 5L, 50L, 51L, 1000L)) {
      probes.put(Long.toString(number), NODES.numberNode(number));
    }
    probes.put("1.5", NODES.numberNode(1.5));
    probes.put("true", NODES.booleanNode(true));
    probes.put("false", NODES.booleanNode(false));
    probes.put("[]", NODES.arrayNode());
    probes.put("[\"a\"]", NODES.arrayNode().add("a"));
    probes.put("{}", NODES.objectNode());
    probes.put("{\"k\":\"v\"}", NODES.objectNode().put("k", "v"));
    probes.put("{\"k\":null}", NODES.objectNode().putNull("k"));
    probes.put("{\"k\":1}", NODES.objectNode().put("k", 1));
    probes.put("{\"\":\"v\"}", NODES.objectNode().put("", "v"));
    Limits limits = Limits.of(document, field);
    for (int length : limits.maxLength()) {
      for (int n : List.of(length, length + 1)) {
        probes.put(n + " letters", NODES.stringNode("k".repeat(n)));
        probes.put(n + " emoji", NODES.stringNode(EMOJI.repeat(n)));
      }
    }
    for (int count : limits.maxProperties()) {
      for (int n : List.of(count, count + 1)) {
        ObjectNode object = NODES.objectNode();
        for (int i = 0; i < n; i++) {
          object.put("k" + i, "v");
        }
        probes.put(n + " keys", object);
      }
    }
    for (int length : limits.maxLength()) {
      for (int n : List.of(length, length + 1)) {
        probes.put("a key of " + n + " emoji", NODES.objectNode().put(EMOJI.repeat(n), "v"));
        probes.put("a value of " + n + " emoji", NODES.objectNode().put("k", EMOJI.repeat(n)));
        for (String name : limits.namedProperties()) {
          probes.put(name + " of " + n + " emoji", NODES.objectNode().put(name, EMOJI.repeat(n)));
          probes.put(name + " blank", NODES.objectNode().put(name, " "));
        }
      }
    }
    for (long bound : limits.bounds()) {
      probes.put(Long.toString(bound), NODES.numberNode(bound));
    }
    return probes;
  }

  private static String abbreviate(String text) {
    return text.length() > 200 ? text.substring(0, 200) + "…" : text;
  }

  /**
   * The limits written anywhere in a field's schema (through refs, allOf and anyOf), to probe
   * around.
   */
  private record Limits(
      List<Integer> maxLength,
      List<Integer> maxProperties,
      List<Long> bounds,
      List<String> namedProperties) {

    static Limits of(OpenApiSchemas document, JsonNode schema) {
      Limits limits =
          new Limits(new ArrayList<>(), new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
      limits.collect(document, schema, 0);
      return limits;
    }

    private void collect(OpenApiSchemas document, JsonNode schema, int depth) {
      if (depth > 4 || !schema.isObject()) {
        return;
      }
      JsonNode node = document.resolve(schema);
      if (node.has("maxLength")) {
        maxLength.add(node.get("maxLength").asInt());
      }
      if (node.has("maxProperties")) {
        maxProperties.add(node.get("maxProperties").asInt());
      }
      for (String bound : List.of("minimum", "maximum")) {
        if (node.has(bound)) {
          long value = node.get(bound).asLong();
          bounds.addAll(List.of(value - 1, value, value + 1));
        }
      }
      if (depth > 0 && node.has("properties")) {
        OpenApiSchemas.names(node.get("properties")).forEach(namedProperties::add);
      }
      for (String nested : List.of("allOf", "anyOf", "oneOf")) {
        node.path(nested).forEach(branch -> collect(document, branch, depth + 1));
      }
      for (String nested : List.of("propertyNames", "additionalProperties", "items")) {
        collect(document, node.path(nested), depth + 1);
      }
      node.path("properties").forEach(property -> collect(document, property, depth + 1));
    }
  }
}
