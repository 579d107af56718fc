package io.soma.hub.functions.http;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A Content-Type read by RFC 9110's grammar ({@code type "/" subtype *( OWS ";" OWS [ name "="
 * value ] )}, the value a token or a quoted string), and the one the API accepts for a body: {@code
 * application/json} or {@code application/*+json}, with no parameter but {@code charset=utf-8}. A
 * header that breaks the grammar is 400, a well-formed type the API does not take is 415: either
 * way no library gets to guess.
 */
record ContentType(String type, String subtype, List<Map.Entry<String, String>> parameters) {

  static Optional<ContentType> parse(String header) {
    Reader reader = new Reader(header);
    String type = reader.token();
    if (type == null || !reader.take('/')) {
      return Optional.empty();
    }
    String subtype = reader.token();
    if (subtype == null) {
      return Optional.empty();
    }
    List<Map.Entry<String, String>> parameters = new ArrayList<>();
    reader.whitespace();
    while (!reader.done()) {
      if (!reader.take(';')) {
        return Optional.empty();
      }
      reader.whitespace();
      if (reader.done() || reader.peek() == ';') {
        continue;
      }
      String name = reader.token();
      if (name == null || !reader.take('=')) {
        return Optional.empty();
      }
      String value = reader.peek() == '"' ? reader.quoted() : reader.token();
      if (value == null) {
        return Optional.empty();
      }
      parameters.add(Map.entry(name.toLowerCase(Locale.ROOT), value));
      reader.whitespace();
    }
    return Optional.of(
        new ContentType(
            type.toLowerCase(Locale.ROOT),
            subtype.toLowerCase(Locale.ROOT),
            List.copyOf(parameters)));
  }

  /** Why a body of this type is not taken, or empty when it is JSON in UTF-8. */
  Optional<String> refusalForJsonBody() {
    boolean json =
        "application".equals(type) && ("json".equals(subtype) || subtype.endsWith("+json"));
    if (!json) {
      return Optional.of("the request body must be application/json, not " + type + "/" + subtype);
    }
    for (Map.Entry<String, String> parameter : parameters) {
      if (!"charset".equals(parameter.getKey())) {
        return Optional.of(
            "the Content-Type parameter " + parameter.getKey() + " is not supported");
      }
      if (!"utf-8".equalsIgnoreCase(parameter.getValue())) {
        return Optional.of("the request body must be UTF-8, not charset " + parameter.getValue());
      }
    }
    return Optional.empty();
  }

  /** A cursor over the header's characters. */
  private static final class Reader {
    private final String text;
    private int at;

    Reader(String text) {
      this.text = text;
    }

    boolean done() {
      return at >= text.length();
    }

    char peek() {
      return done() ? 0 : text.charAt(at);
    }

    boolean take(char c) {
      if (peek() == c && !done()) {
        at++;
        return true;
      }
      return false;
    }

    void whitespace() {
      while (!done() && (peek() == ' ' || peek() == '\t')) {
        at++;
      }
    }

    String token() {
      int start = at;
      while (!done() && isTokenChar(peek())) {
        at++;
      }
      return at == start ? null : text.substring(start, at);
    }

    /**
     * A quoted string's content, escapes resolved; null when it is not closed or holds a control
     * character.
     */
    String quoted() {
      StringBuilder value = new StringBuilder();
      at++;
      while (!done()) {
        char c = text.charAt(at++);
        if (c == '"') {
          return value.toString();
        }
        if (c == '\\') {
          if (done()) {
            return null;
          }
          c = text.charAt(at++);
        }
        if ((c < 0x20 && c != '\t') || c == 0x7f || c > 0x7e) {
          return null;
        }
        value.append(c);
      }
      return null;
    }

    private static boolean isTokenChar(char c) {
      return (c >= 'a' && c <= 'z')
          || (c >= 'A' && c <= 'Z')
          || (c >= '0' && c <= '9')
          || "!#$%&'*+-.^_`|~".indexOf(c) >= 0;
    }
  }
}
