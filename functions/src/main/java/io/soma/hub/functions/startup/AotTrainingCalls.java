package io.soma.hub.functions.startup;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.soma.hub.functions.http.GatewayJson;
import io.soma.hub.functions.http.GatewayRoute;
import io.soma.hub.functions.http.OpenApiDocument;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The workload of a function's AOT cache training run ({@code images/stage-rootfs --train-self},
 * which sets {@code HUB_AOT_TRAINING=true}): each route the instance serves is called once through
 * its own HTTP port, as its first user would call it, with the request body the OpenAPI document
 * gives as the operation's example, a path parameter that names nothing, and a token signed with
 * the training run's own secret. Whatever the answers (a start is accepted by the training's own
 * Temporal dev server, a lookup finds nothing), the classes of a request's whole path are then
 * loaded and profiled: the security filter chain, the JSON codecs, the hub store's queries, the
 * Temporal client's gRPC stack. A cache trained only up to the refreshed context (Spring's {@code
 * spring.context.exit}) has none of them, and every cold start loaded and linked them again.
 *
 * <p>The calls are plain HTTP/1.1 on a socket: every class the training run loads is in the cache
 * and loaded at every start, so the driver must not bring its own (Java's HttpClient brought 500
 * classes of HTTP/2 and TLS).
 */
final class AotTrainingCalls {

  private static final Logger log = LoggerFactory.getLogger(AotTrainingCalls.class);
  private static final String TRAINING = "aot-training";
  private static final int CALL_TIMEOUT_MILLIS = 30_000;

  private final List<GatewayRoute> routes;
  private final String secret;

  AotTrainingCalls(List<GatewayRoute> routes, String secret) {
    this.routes = routes;
    if (secret == null || secret.isBlank()) {
      throw new IllegalStateException(
          "the training run signs its calls with HUB_JWT_SECRET, which is not set");
    }
    this.secret = secret;
  }

  void callEach(int port) {
    Map<String, Object> paths = OpenApiDocument.load().pathItems();
    String token = token();
    for (GatewayRoute route : routes) {
      String path = route.path().replaceAll("\\{[^}]+}", TRAINING);
      Optional<Object> example = example(paths, route);
      byte[] body =
          example.isPresent() || route.bodyType() != null
              ? GatewayJson.MAPPER.writeValueAsBytes(example.orElse(Map.of()))
              : null;
      try {
        log.info(
            "AOT training: {} {} answered {}",
            route.method(),
            route.path(),
            call(port, route, path, token, body));
      } catch (IOException e) {
        log.warn("AOT training: {} {} failed: {}", route.method(), route.path(), e.toString());
      }
    }
  }

  /** One request on its own connection; returns the answer's status line. */
  private static String call(int port, GatewayRoute route, String path, String token, byte[] body)
      throws IOException {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress("127.0.0.1", port), CALL_TIMEOUT_MILLIS);
      socket.setSoTimeout(CALL_TIMEOUT_MILLIS);
      StringBuilder head =
          new StringBuilder(route.method().name())
              .append(' ')
              .append(path)
              .append(" HTTP/1.1\r\n")
              .append("Host: 127.0.0.1:")
              .append(port)
              .append("\r\n")
              .append("Authorization: Bearer ")
              .append(token)
              .append("\r\n")
              .append("Connection: close\r\n");
      if (body != null) {
        head.append("Content-Type: application/json\r\nContent-Length: ")
            .append(body.length)
            .append("\r\n");
      }
      OutputStream out = socket.getOutputStream();
      out.write(head.append("\r\n").toString().getBytes(StandardCharsets.US_ASCII));
      if (body != null) {
        out.write(body);
      }
      out.flush();
      InputStream in = socket.getInputStream();
      ByteArrayOutputStream answer = new ByteArrayOutputStream();
      in.transferTo(answer);
      String text = answer.toString(StandardCharsets.ISO_8859_1);
      int endOfStatus = text.indexOf('\r');
      return endOfStatus < 0 ? text : text.substring(0, endOfStatus);
    }
  }

  /** The operation's request example in the OpenAPI document, if it has one. */
  @SuppressWarnings("unchecked")
  private static Optional<Object> example(Map<String, Object> paths, GatewayRoute route) {
    Object operation =
        Optional.ofNullable((Map<String, Object>) paths.get(route.path()))
            .map(item -> item.get(route.method().name().toLowerCase(java.util.Locale.ROOT)))
            .orElse(null);
    Object current = operation;
    for (String key : List.of("requestBody", "content", "application/json", "example")) {
      if (!(current instanceof Map<?, ?> map)) {
        return Optional.empty();
      }
      current = map.get(key);
    }
    return Optional.ofNullable(current);
  }

  /** A token for the training run's tenant with every capability the served routes need. */
  private String token() {
    List<String> capabilities =
        routes.stream().map(GatewayRoute::capability).filter(Objects::nonNull).distinct().toList();
    Instant now = Instant.now();
    JWTClaimsSet claims =
        new JWTClaimsSet.Builder()
            .subject(TRAINING)
            .claim("tenant_id", TRAINING)
            .claim("capabilities", capabilities)
            .issueTime(java.util.Date.from(now))
            .expirationTime(java.util.Date.from(now.plus(Duration.ofHours(1))))
            .build();
    SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims);
    try {
      jwt.sign(new MACSigner(secret.getBytes(StandardCharsets.UTF_8)));
    } catch (JOSEException e) {
      throw new IllegalStateException("cannot sign the training run's token", e);
    }
    return jwt.serialize();
  }
}
