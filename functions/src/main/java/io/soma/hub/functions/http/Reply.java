package io.soma.hub.functions.http;

import java.util.Map;

/**
 * How a route answers a function's output: status, JSON body (or an {@link EventStream}) and extra
 * headers.
 */
public record Reply(int status, Object body, Map<String, String> headers) {

  public static Reply ok(Object body) {
    return new Reply(200, body, Map.of());
  }

  public static Reply created(Object body, String location) {
    return new Reply(201, body, Map.of("Location", location));
  }

  public static Reply accepted(Object body) {
    return new Reply(202, body, Map.of());
  }

  /** 204, no body. */
  public static Reply noContent() {
    return new Reply(204, null, Map.of());
  }

  /** 200 with the events of {@code stream} as they come ({@link EventStreams}). */
  public static Reply events(EventStream stream) {
    return new Reply(200, stream, Map.of());
  }
}
