package io.soma.hub.functions.http;

import io.soma.hub.functions.caller.Caller;
import java.util.Map;
import java.util.Optional;
import org.springframework.http.HttpHeaders;

/**
 * What a route hands its input factory: the verified caller, path variables, headers, the parsed
 * body, and the query parameters the route declares.
 */
public record RouteRequest(
    Caller caller,
    Map<String, String> pathVariables,
    HttpHeaders headers,
    Object body,
    Map<String, String> query) {

  /** A query parameter the route declares, if the request gives it. */
  public Optional<String> query(String name) {
    return Optional.ofNullable(query.get(name));
  }

  public String pathVariable(String name) {
    return pathVariables.get(name);
  }

  public Optional<String> header(String name) {
    return Optional.ofNullable(headers.getFirst(name));
  }

  public <B> B body(Class<B> type) {
    return type.cast(body);
  }
}
