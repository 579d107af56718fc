package io.soma.hub.knative.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A field of an object as the API server names it in a server-side apply conflict, e.g. {@code
 * .spec.template.metadata.annotations.autoscaling.knative.dev/max-scale} or {@code
 * .spec.template.spec.containers[name="function"].image}, found in an object being applied. Map
 * keys may hold dots (annotation keys), so a key is matched against the keys the object really has,
 * longest first.
 */
final class FieldPath {

  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * Where the field is: its parent (a map or a list) and its key (a String) or index (an Integer).
   */
  record Location(Object parent, Object key, String normalized) {

    /** Removes the field from the object it was found in. */
    void remove() {
      if (parent instanceof Map<?, ?> map) {
        map.remove(key);
      } else if (parent instanceof List<?> list) {
        list.remove((int) (Integer) key);
      }
    }
  }

  private FieldPath() {}

  /**
   * @return the field's location in {@code object}, with a normalized path (keys and indexes joined
   *     by "/", e.g. {@code spec/template/spec/containers/0/image}), or empty when the object does
   *     not hold it
   */
  static Optional<Location> find(Map<String, Object> object, String path) {
    Object node = object;
    Object parent = null;
    Object key = null;
    List<String> normalized = new ArrayList<>();
    int i = 0;
    while (i < path.length()) {
      char c = path.charAt(i);
      if (c == '.' && node instanceof Map<?, ?> map) {
        String name = longestKey(map, path, i + 1);
        if (name == null) {
          return Optional.empty();
        }
        parent = map;
        key = name;
        node = map.get(name);
        normalized.add(name);
        i += 1 + name.length();
      } else if (c == '[' && node instanceof List<?> list) {
        int end = closing(path, i);
        if (end < 0) {
          return Optional.empty();
        }
        int index = element(list, path.substring(i + 1, end));
        if (index < 0) {
          return Optional.empty();
        }
        parent = list;
        key = index;
        node = list.get(index);
        normalized.add(String.valueOf(index));
        i = end + 1;
      } else {
        return Optional.empty();
      }
    }
    return parent == null
        ? Optional.empty()
        : Optional.of(new Location(parent, key, String.join("/", normalized)));
  }

  private static String longestKey(Map<?, ?> map, String path, int from) {
    String best = null;
    for (Object candidate : map.keySet()) {
      String name = String.valueOf(candidate);
      int end = from + name.length();
      if (path.startsWith(name, from)
          && (end == path.length() || path.charAt(end) == '.' || path.charAt(end) == '[')
          && (best == null || name.length() > best.length())) {
        best = name;
      }
    }
    return best;
  }

  /** The index of the ']' closing the '[' at {@code open}, skipping quoted strings. */
  private static int closing(String path, int open) {
    boolean quoted = false;
    for (int i = open + 1; i < path.length(); i++) {
      char c = path.charAt(i);
      if (c == '\\' && quoted) {
        i++;
      } else if (c == '"') {
        quoted = !quoted;
      } else if (c == ']' && !quoted) {
        return i;
      }
    }
    return -1;
  }

  /**
   * The list element a selector names: {@code name="function"} (keys of an associative list,
   * comma-separated), {@code ="ALL"} (a value of a set), or {@code 3} (an index).
   */
  private static int element(List<?> list, String selector) {
    if (selector.matches("\\d+")) {
      int index = Integer.parseInt(selector);
      return index < list.size() ? index : -1;
    }
    try {
      if (selector.startsWith("=")) {
        Object value = JSON.readValue(selector.substring(1), Object.class);
        return indexOf(list, item -> same(item, value));
      }
      Map<String, Object> keys = new java.util.LinkedHashMap<>();
      for (String pair : splitPairs(selector)) {
        int equals = pair.indexOf('=');
        if (equals <= 0) {
          return -1;
        }
        keys.put(
            pair.substring(0, equals), JSON.readValue(pair.substring(equals + 1), Object.class));
      }
      return indexOf(
          list,
          item ->
              item instanceof Map<?, ?> map
                  && keys.entrySet().stream()
                      .allMatch(k -> same(map.get(k.getKey()), k.getValue())));
    } catch (JsonProcessingException e) {
      return -1;
    }
  }

  private static List<String> splitPairs(String selector) {
    List<String> pairs = new ArrayList<>();
    boolean quoted = false;
    int start = 0;
    for (int i = 0; i < selector.length(); i++) {
      char c = selector.charAt(i);
      if (c == '\\' && quoted) {
        i++;
      } else if (c == '"') {
        quoted = !quoted;
      } else if (c == ',' && !quoted) {
        pairs.add(selector.substring(start, i));
        start = i + 1;
      }
    }
    pairs.add(selector.substring(start));
    return pairs;
  }

  private static int indexOf(List<?> list, java.util.function.Predicate<Object> matches) {
    for (int i = 0; i < list.size(); i++) {
      if (matches.test(list.get(i))) {
        return i;
      }
    }
    return -1;
  }

  /** Equal as JSON values: the object's 8080 may be an Integer where the path's is a Long. */
  private static boolean same(Object a, Object b) {
    if (a instanceof Number x && b instanceof Number y) {
      return x.doubleValue() == y.doubleValue();
    }
    return Objects.equals(a, b);
  }
}
