package io.soma.hub.functions.http;

import io.soma.hub.telemetry.logs.LogKeys;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.MDC;
import org.springframework.http.HttpStatus;

/**
 * An RFC 9457 problem body. Serialized by {@link GatewayJson} as {@code application/problem+json},
 * with the id of the request it answers ({@code request_id}, also the X-Request-Id header) so that
 * a report can be matched to its logs.
 */
public record Problem(
    HttpStatus status, String detail, String instance, Map<String, Object> extensions) {

  public static final String MEDIA_TYPE = "application/problem+json";

  public Problem(HttpStatus status, String detail, String instance) {
    this(status, detail, instance, Map.of());
  }

  public Map<String, Object> body() {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("type", "about:blank");
    body.put("title", status.getReasonPhrase());
    body.put("status", status.value());
    body.put("detail", detail);
    if (instance != null) {
      body.put("instance", instance);
    }
    body.putAll(extensions);
    String requestId = MDC.get(LogKeys.REQUEST_ID);
    if (requestId != null) {
      body.putIfAbsent("request_id", requestId);
    }
    return body;
  }

  /**
   * Answers this problem on a servlet response (filters and security handlers, outside the routes).
   */
  public void writeTo(HttpServletResponse response) throws IOException {
    response.setStatus(status.value());
    response.setContentType(MEDIA_TYPE);
    response.getOutputStream().write(toJson());
  }

  public byte[] toJson() {
    return GatewayJson.MAPPER.writeValueAsBytes(body());
  }
}
