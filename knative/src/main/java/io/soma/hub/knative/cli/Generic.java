package io.soma.hub.knative.cli;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reading and writing nested fields of an object held as maps (a generic Kubernetes object's body).
 */
final class Generic {

  private Generic() {}

  /** The value at a path of keys, or null where any step is missing or no map. */
  static Object at(Map<String, Object> root, String... keys) {
    Object node = root;
    for (String key : keys) {
      if (!(node instanceof Map<?, ?> map)) {
        return null;
      }
      node = map.get(key);
    }
    return node;
  }

  /** The map at a path of keys, created where missing. */
  @SuppressWarnings("unchecked")
  static Map<String, Object> map(Map<String, Object> root, String... keys) {
    Map<String, Object> node = root;
    for (String key : keys) {
      Object child = node.get(key);
      if (!(child instanceof Map<?, ?>)) {
        child = new LinkedHashMap<String, Object>();
        node.put(key, child);
      }
      node = (Map<String, Object>) child;
    }
    return node;
  }
}
