package io.soma.hub.functions.http;

import io.soma.hub.functions.errors.InvalidInputException;
import java.util.stream.Collectors;
import tools.jackson.core.JacksonException;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.exc.InvalidNullException;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;
import tools.jackson.databind.exc.ValueInstantiationException;

/**
 * Parses request bodies strictly and turns every parse failure into an answer that names the field
 * and the rule. The body is read as a tree first so that every string in it, names included, is
 * checked once ({@link JsonText}) before it is bound to the body's type.
 */
final class JsonBodies {

  private JsonBodies() {}

  static <B> B parse(String json, Class<B> type) {
    if (json.isEmpty()) {
      throw new InvalidInputException("body", "a JSON object is required");
    }
    B body;
    try {
      JsonNode tree = GatewayJson.MAPPER.readTree(json);
      JsonText.check(tree, "");
      body = GatewayJson.MAPPER.treeToValue(tree, type);
    } catch (ValueInstantiationException e) {
      if (e.getCause() instanceof InvalidInputException invalid) {
        throw invalid;
      }
      throw new InvalidInputException(pathOf(e), "is not valid");
    } catch (UnrecognizedPropertyException e) {
      throw new InvalidInputException(pathOf(e), "is not a known field");
    } catch (InvalidNullException e) {
      throw new InvalidInputException(pathOf(e), "must not be null");
    } catch (MismatchedInputException e) {
      String field = pathOf(e);
      String expected = e.getTargetType() == null ? "another type" : describe(e.getTargetType());
      throw new InvalidInputException(field.isEmpty() ? "body" : field, "must be " + expected);
    } catch (StreamReadException e) {
      throw new InvalidInputException(
          "body", "is not well-formed JSON (" + e.getOriginalMessage() + ")");
    } catch (JacksonException e) {
      throw new InvalidInputException("body", "cannot be read (" + e.getOriginalMessage() + ")");
    }
    if (body == null) {
      throw new InvalidInputException("body", "a JSON object is required");
    }
    return body;
  }

  private static String pathOf(JacksonException e) {
    return e.getPath().stream()
        .map(
            ref ->
                ref.getPropertyName() != null ? ref.getPropertyName() : "[" + ref.getIndex() + "]")
        .collect(Collectors.joining("."))
        .replace(".[", "[");
  }

  private static String describe(Class<?> type) {
    if (type == String.class) {
      return "a string";
    }
    if (type == Boolean.class || type == boolean.class) {
      return "a boolean";
    }
    if (Number.class.isAssignableFrom(type) || type.isPrimitive()) {
      return "a number";
    }
    if (java.util.Map.class.isAssignableFrom(type)) {
      return "an object of string values";
    }
    if (java.util.Collection.class.isAssignableFrom(type) || type.isArray()) {
      return "an array";
    }
    return "a JSON object";
  }
}
