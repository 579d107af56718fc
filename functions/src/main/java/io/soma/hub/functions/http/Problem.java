package io.soma.hub.functions.http;

import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.HttpStatus;

/** An RFC 9457 problem body. Serialized by {@link GatewayJson} as {@code application/problem+json}. */
public record Problem(HttpStatus status, String detail, String instance, Map<String, Object> extensions) {

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
    return body;
  }

  public byte[] toJson() {
    return GatewayJson.MAPPER.writeValueAsBytes(body());
  }
}
