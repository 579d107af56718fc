package io.soma.hub.knative.manifests;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Reads manifests into fabric8's typed models and finds the fields those models did not know.
 * fabric8 keeps unknown fields in {@code additionalProperties} instead of failing, so a misspelled
 * field would otherwise pass.
 */
final class StrictModels {

  private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

  private StrictModels() {}

  /** The typed model of one manifest document; fails for a kind fabric8 has no model for. */
  static HasMetadata typed(JsonNode document) {
    Object model;
    try {
      model = SERIALIZATION.unmarshal(Manifests.YAML.writeValueAsString(document));
    } catch (Exception e) {
      throw new IllegalArgumentException(
          "cannot read " + describe(document) + ": " + e.getMessage(), e);
    }
    if (!(model instanceof HasMetadata typed) || model instanceof GenericKubernetesResource) {
      throw new IllegalArgumentException("no fabric8 model for " + describe(document));
    }
    return typed;
  }

  static <T> T typed(JsonNode document, Class<T> type) {
    return type.cast(typed(document));
  }

  /** The paths of the fields the model kept as additional properties, i.e. did not recognise. */
  static List<String> unknownFields(Object model) {
    List<String> unknown = new ArrayList<>();
    walk(model, "", unknown);
    return unknown;
  }

  static String describe(JsonNode document) {
    return document.path("apiVersion").asText()
        + " "
        + document.path("kind").asText()
        + " "
        + document.path("metadata").path("name").asText();
  }

  private static void walk(Object value, String path, List<String> unknown) {
    if (value == null) {
      return;
    }
    if (value instanceof Collection<?> items) {
      int index = 0;
      for (Object item : items) {
        walk(item, path + "[" + index++ + "]", unknown);
      }
      return;
    }
    if (value instanceof Map<?, ?> map) {
      map.forEach((key, item) -> walk(item, path + "." + key, unknown));
      return;
    }
    if (!value.getClass().getName().startsWith("io.fabric8.") || value.getClass().isEnum()) {
      return;
    }
    for (Method getter : value.getClass().getMethods()) {
      if (!isGetter(getter)) {
        continue;
      }
      Object property = invoke(getter, value);
      if (getter.getName().equals("getAdditionalProperties")) {
        ((Map<?, ?>) property).keySet().forEach(key -> unknown.add(path + "." + key));
      } else {
        walk(property, path + "." + propertyName(getter), unknown);
      }
    }
  }

  private static boolean isGetter(Method method) {
    return method.getParameterCount() == 0
        && !Modifier.isStatic(method.getModifiers())
        && method.getDeclaringClass() != Object.class
        && (method.getName().startsWith("get") || method.getName().startsWith("is"))
        // Computed views of a value rather than fields of the model.
        && !method.getName().equals("getNumericalAmount")
        && !method.getName().equals("getPlural")
        && !method.getName().equals("getSingular")
        && !method.getName().equals("getFullResourceName");
  }

  private static Object invoke(Method getter, Object target) {
    try {
      return getter.invoke(target);
    } catch (IllegalAccessException | InvocationTargetException e) {
      throw new IllegalStateException(getter + " failed", e);
    }
  }

  private static String propertyName(Method getter) {
    String name = getter.getName().replaceFirst("^(get|is)", "");
    return name.isEmpty() ? name : Character.toLowerCase(name.charAt(0)) + name.substring(1);
  }
}
