package io.soma.hub.telemetry.logs;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Optional;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;

/**
 * Where a process ships its log lines and under which stream labels. The labels are the three
 * static, low-cardinality values Loki indexes: {@code app} (the application name), {@code
 * namespace} and {@code env}.
 *
 * @param pushUrl Loki's push endpoint
 */
public record LokiTarget(URI pushUrl, String app, String namespace, String env) {

  public static final String PUSH_PATH = "/loki/api/v1/push";

  /**
   * Loki's label value rules are loose; these keep values readable in LogQL selectors and
   * dashboards.
   */
  private static final Pattern LABEL_VALUE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,62}");

  public LokiTarget {
    requireLabel("app", app);
    requireLabel("namespace", namespace);
    requireLabel("env", env);
  }

  /**
   * The target from the process environment, empty when {@code LOKI_URL} is unset or blank (no
   * shipping). {@code LOKI_URL} is Loki's base URL ({@code http://loki.observability:3100}) or its
   * full push URL. The namespace comes from {@code HUB_NAMESPACE}, else {@code POD_NAMESPACE}, else
   * {@code local}; the env from {@code HUB_ENV}, else {@code local}.
   *
   * @param property reads a setting (environment variable or Spring property), null when unset
   * @throws IllegalArgumentException when a setting is malformed, so a misconfigured process does
   *     not start
   */
  public static Optional<LokiTarget> from(UnaryOperator<String> property, String app) {
    String url = property.apply("LOKI_URL");
    if (url == null || url.isBlank()) {
      return Optional.empty();
    }
    return Optional.of(
        new LokiTarget(
            pushUrl(url.strip()),
            app,
            firstSet(property.apply("HUB_NAMESPACE"), property.apply("POD_NAMESPACE"), "local"),
            firstSet(property.apply("HUB_ENV"), "local")));
  }

  static URI pushUrl(String lokiUrl) {
    URI uri;
    try {
      uri = new URI(lokiUrl);
    } catch (URISyntaxException e) {
      throw malformed(lokiUrl);
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!(scheme.equals("http") || scheme.equals("https"))
        || uri.getHost() == null
        || uri.getFragment() != null
        || uri.getUserInfo() != null) {
      throw malformed(lokiUrl);
    }
    String path = uri.getPath() == null ? "" : uri.getPath();
    if ((path.isEmpty() || path.equals("/")) && uri.getQuery() == null) {
      return uri.resolve(PUSH_PATH);
    }
    // A push URL may sit under a prefix and carry the store's ingestion options, as VictoriaLogs'
    // does:
    // /insert/loki/api/v1/push?_msg_field=message.
    if (!path.endsWith(PUSH_PATH)) {
      throw malformed(lokiUrl);
    }
    return uri;
  }

  private static IllegalArgumentException malformed(String lokiUrl) {
    return new IllegalArgumentException(
        "LOKI_URL must be Loki's http(s) base URL (e.g. http://loki.observability:3100) or its push URL ending in "
            + PUSH_PATH
            + " (with a query for the store's options if it needs them), without credentials, not: "
            + lokiUrl);
  }

  private static void requireLabel(String name, String value) {
    if (value == null || !LABEL_VALUE.matcher(value).matches()) {
      throw new IllegalArgumentException(
          "the Loki label "
              + name
              + " must be 1-63 letters, digits, '.', '_' or '-', not: "
              + value);
    }
  }

  private static String firstSet(String... values) {
    for (String value : values) {
      if (value != null && !value.isBlank()) {
        return value.strip();
      }
    }
    throw new IllegalStateException("the last value is the default");
  }
}
