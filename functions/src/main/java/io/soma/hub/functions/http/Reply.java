package io.soma.hub.functions.http;

import java.util.Map;

/** How a route answers a function's output: status, JSON body and extra headers. */
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

  /** 204: done, and nothing to say (no body, no Content-Type). */
  public static Reply noContent() {
    return new Reply(204, null, Map.of());
  }
}
