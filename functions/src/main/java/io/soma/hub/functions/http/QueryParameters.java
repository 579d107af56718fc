package io.soma.hub.functions.http;

import io.soma.hub.functions.errors.InvalidInputException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The query of a route that declares its parameters ({@link GatewayRoute#withQuery}): each one at
 * most once, none that the route does not know, names and values percent-decoded ({@code +} is a
 * space, as in a form). The {@link EdgePolicyFilter} has already refused a query that is not
 * percent-encoded UTF-8.
 */
final class QueryParameters {

  /** An unknown name is echoed in the answer, cut to this length. */
  private static final int MAX_NAME_SHOWN = 64;

  private QueryParameters() {}

  static Map<String, String> parse(String rawQuery, Set<String> known) {
    Map<String, String> parameters = new LinkedHashMap<>();
    if (rawQuery == null || rawQuery.isEmpty()) {
      return parameters;
    }
    for (String pair : rawQuery.split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      int equals = pair.indexOf('=');
      String name = decode(equals < 0 ? pair : pair.substring(0, equals));
      String value = equals < 0 ? "" : decode(pair.substring(equals + 1));
      if (!known.contains(name)) {
        String shown =
            name.length() > MAX_NAME_SHOWN ? name.substring(0, MAX_NAME_SHOWN) + "…" : name;
        throw new InvalidInputException(
            shown,
            "is not a query parameter of this endpoint (it takes "
                + String.join(", ", new TreeSet<>(known))
                + ")");
      }
      if (parameters.putIfAbsent(name, value) != null) {
        throw new InvalidInputException(name, "is given more than once");
      }
    }
    return parameters;
  }

  private static String decode(String component) {
    return StrictUtf8.percentDecode(component.replace('+', ' '))
        .orElseThrow(() -> new InvalidInputException("query", "is not percent-encoded UTF-8"));
  }
}
