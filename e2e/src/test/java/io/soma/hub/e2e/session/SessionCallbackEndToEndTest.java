package io.soma.hub.e2e.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.standardwebhooks.Webhook;
import com.sun.net.httpserver.HttpServer;
import io.soma.hub.e2e.support.JsonHttp;
import io.soma.hub.e2e.support.LocalHub;
import io.soma.hub.e2e.support.RequiresHubJars;
import io.soma.hub.e2e.support.SessionCalls;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A session started with a callback URL, through the real jars and a real Temporal dev server, is
 * POSTed to a receiver (a plain HTTP server standing for the user's) once it ends, verifiable with
 * the tenant's secret read from the API and with Standard Webhooks' own library.
 */
@RequiresHubJars
class SessionCallbackEndToEndTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  private record Received(Map<String, List<String>> headers, String body) {}

  private static final BlockingQueue<Received> received = new LinkedBlockingQueue<>();
  private static HttpServer receiver;
  private static LocalHub hub;

  @BeforeAll
  static void startTheHubAndAReceiver() throws IOException {
    receiver = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    receiver.createContext(
        "/hooks/sessions",
        exchange -> {
          Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
          exchange
              .getRequestHeaders()
              .forEach((name, values) -> headers.put(name.toLowerCase(), values));
          received.add(
              new Received(
                  headers,
                  new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)));
          exchange.sendResponseHeaders(204, -1);
          exchange.close();
        });
    receiver.start();
    hub = LocalHub.builder().quickStartJvms().start();
  }

  @AfterAll
  static void stop() {
    if (hub != null) {
      hub.close();
    }
    if (receiver != null) {
      receiver.stop(0);
    }
  }

  @Test
  void theEndingOfASessionIsPostedSignedWithTheTenantsSecret() throws Exception {
    JsonHttp ann = caller("acme", "ann");
    JsonHttp.Response secretAnswer = ann.get("/v1/callbacks/secret");
    assertThat(secretAnswer.status()).as(secretAnswer.toString()).isEqualTo(200);
    String secret = secretAnswer.json().get("secret").asText();
    String globexSecret =
        caller("globex", "eve").get("/v1/callbacks/secret").json().get("secret").asText();
    assertThat(globexSecret).isNotEqualTo(secret);

    String url = "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hooks/sessions";
    JsonHttp.Response created =
        ann.post("/v1/sessions", Map.of("prompt", "Call me back", "callback_url", url));
    assertThat(created.status()).as(created.toString()).isEqualTo(201);
    String sessionId = created.json().get("session_id").asText();
    JsonNode ended = SessionCalls.awaitFinished(ann, sessionId, java.time.Duration.ofSeconds(60));
    assertThat(ended.get("status").asText()).isEqualTo("COMPLETED");

    Received callback = received.poll(60, TimeUnit.SECONDS);
    assertThat(callback).as("a callback within a minute").isNotNull();
    new Webhook(secret).verify(callback.body(), callback.headers());
    assertThatThrownBy(() -> new Webhook(globexSecret).verify(callback.body(), callback.headers()))
        .as("another tenant's secret");
    JsonNode body = JSON.readTree(callback.body());
    assertThat(body.get("type").asText()).isEqualTo("session.completed");
    assertThat(body.get("session_id").asText()).isEqualTo(sessionId);
    assertThat(body.get("reply").asText()).isEqualTo(ended.at("/result/reply").asText());
    assertThat(callback.headers().get("webhook-id")).containsExactly("msg_" + sessionId);
  }

  @Test
  void aCallbackUrlTheHubWillNotCallIsAClearClientError() {
    JsonHttp ann = caller("initech", "bad-input");
    for (String url :
        List.of(
            "ftp://127.0.0.1/x",
            "https://user@hooks.example.com/x",
            "no url",
            "",
            "https://hooks.example.com/#f",
            "https://hooks.example.com/" + "a".repeat(2100))) {
      JsonHttp.Response response =
          ann.post("/v1/sessions", Map.of("prompt", "x", "callback_url", url));
      assertThat(response.status()).as(url + " -> " + response).isEqualTo(400);
      assertThat(response.json().get("field").asText()).isEqualTo("callback_url");
    }
    assertThat(caller("initech", "reader", "sessions:read").get("/v1/callbacks/secret").status())
        .as("the secret without sessions:write")
        .isEqualTo(403);
  }

  private static JsonHttp caller(String tenant, String user) {
    return caller(tenant, user, "sessions:write", "sessions:read");
  }

  private static JsonHttp caller(String tenant, String user, String... capabilities) {
    return hub.gateway().as(hub.tokens().mint(tenant, user, capabilities));
  }
}
