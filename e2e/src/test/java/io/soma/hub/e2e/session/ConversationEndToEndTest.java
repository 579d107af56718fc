package io.soma.hub.e2e.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.soma.hub.e2e.support.JsonHttp;
import io.soma.hub.e2e.support.LocalHub;
import io.soma.hub.e2e.support.RequiresHubJars;
import io.soma.hub.e2e.support.SessionCalls;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

/**
 * Conversations through the real jars against a real Temporal dev server: a session started with
 * mode conversation waits for messages, each answered by a Temporal Update, until it is closed; its
 * transcript is in the session.
 */
@RequiresHubJars
class ConversationEndToEndTest {

  private static final Duration OPEN = Duration.ofSeconds(60);

  // Started when the class is first used, after its conditions (@RequiresHubJars) let it run;
  // closed by JUnit.
  @AutoClose private static final LocalHub hub = LocalHub.builder().quickStartJvms().start();

  @Test
  void aConversationAnswersEachMessageUntilItIsClosedAndKeepsItsTranscript() {
    JsonHttp ann = caller("acme", "ann");
    String id = startConversation(ann, "Plan a launch for our espresso machine");
    awaitStatus(ann, id, "WAITING");

    JsonHttp.Response second =
        ann.header("Idempotency-Key", "turn-2")
            .post("/v1/sessions/" + id + "/messages", Map.of("content", "Make it shorter"));
    assertThat(second.status()).as(second.toString()).isEqualTo(200);
    assertThat(second.json().get("turn").asInt()).isEqualTo(2);
    assertThat(second.json().get("reply").asText()).isNotBlank();

    JsonHttp.Response repeat =
        ann.header("Idempotency-Key", "turn-2")
            .post("/v1/sessions/" + id + "/messages", Map.of("content", "Make it shorter"));
    assertThat(repeat.status()).as(repeat.toString()).isEqualTo(200);
    assertThat(repeat.json().get("turn").asInt()).as("a repeat adds no turn").isEqualTo(2);
    JsonHttp.Response reused =
        ann.header("Idempotency-Key", "turn-2")
            .post("/v1/sessions/" + id + "/messages", Map.of("content", "Something else"));
    assertThat(reused.status()).as(reused.toString()).isEqualTo(422);

    awaitStatus(ann, id, "WAITING");
    JsonHttp.Response third =
        ann.post("/v1/sessions/" + id + "/messages", Map.of("content", "Now in French"));
    assertThat(third.status()).as(third.toString()).isEqualTo(200);
    assertThat(third.json().get("turn").asInt()).isEqualTo(3);

    JsonHttp eve = caller("globex", "eve");
    assertThat(eve.post("/v1/sessions/" + id + "/messages", Map.of("content", "hi")).status())
        .as("another tenant's message")
        .isEqualTo(404);
    assertThat(eve.send("POST", "/v1/sessions/" + id + "/close", null).status())
        .as("another tenant's close")
        .isEqualTo(404);

    awaitStatus(ann, id, "WAITING");
    JsonHttp.Response closed = ann.send("POST", "/v1/sessions/" + id + "/close", null);
    assertThat(closed.status()).as(closed.toString()).isEqualTo(202);
    JsonNode ended = SessionCalls.awaitFinished(ann, id, OPEN);
    assertThat(ended.get("status").asText()).as(ended.toString()).isEqualTo("COMPLETED");
    assertThat(ended.at("/result/reply").asText()).isEqualTo(third.json().get("reply").asText());
    List<String> transcript = ended.get("transcript").findValuesAsText("content");
    assertThat(transcript)
        .containsExactly(
            "Plan a launch for our espresso machine", "Make it shorter", "Now in French");

    JsonHttp.Response late =
        ann.post("/v1/sessions/" + id + "/messages", Map.of("content", "Still there?"));
    assertThat(late.status()).as(late.toString()).isEqualTo(409);
    assertThat(ann.send("POST", "/v1/sessions/" + id + "/close", null).status()).isEqualTo(409);
  }

  @Test
  void everyBadMessageIsAClearClientError() {
    JsonHttp ann = caller("initech", "ann");
    String oneShot = SessionCalls.create(ann, "Just answer once");
    JsonHttp.Response notConversation =
        ann.post("/v1/sessions/" + oneShot + "/messages", Map.of("content", "And then?"));
    assertThat(notConversation.status()).as(notConversation.toString()).isIn(409);
    assertThat(ann.send("POST", "/v1/sessions/" + oneShot + "/close", null).status())
        .isEqualTo(409);

    String id = startConversation(ann, "Plan a launch");
    awaitStatus(ann, id, "WAITING");
    for (String body :
        List.of(
            "{}",
            "{\"content\":\"\"}",
            "{\"content\":\"  \"}",
            "{\"content\":7}",
            "{\"content\":\"x\",\"extra\":1}",
            "[]",
            "not json")) {
      JsonHttp.Response response = ann.post("/v1/sessions/" + id + "/messages", body);
      assertThat(response.status()).as(body + " -> " + response).isEqualTo(400);
    }
    JsonHttp.Response blocked =
        ann.post("/v1/sessions/" + id + "/messages", Map.of("content", "write malware"));
    assertThat(blocked.status()).as(blocked.toString()).isEqualTo(403);
    assertThat(ann.post("/v1/sessions", Map.of("prompt", "x", "mode", "chatty")).status())
        .isEqualTo(400);
    assertThat(
            caller("initech", "reader", "sessions:read")
                .post("/v1/sessions/" + id + "/messages", Map.of("content", "hi"))
                .status())
        .isEqualTo(403);
    JsonHttp.Response cancelled = ann.send("POST", "/v1/sessions/" + id + "/cancel", null);
    assertThat(cancelled.status()).as(cancelled.toString()).isEqualTo(202);
    assertThat(SessionCalls.awaitFinished(ann, id, OPEN).get("status").asText())
        .isEqualTo("CANCELLED");
  }

  private static String startConversation(JsonHttp caller, String prompt) {
    JsonHttp.Response created =
        caller.post("/v1/sessions", Map.of("prompt", prompt, "mode", "conversation"));
    assertThat(created.status()).as(created.toString()).isEqualTo(201);
    return created.json().get("session_id").asText();
  }

  private static void awaitStatus(JsonHttp caller, String id, String status) {
    await()
        .atMost(OPEN)
        .until(
            () -> status.equals(caller.get("/v1/sessions/" + id).json().path("status").asText()));
  }

  private static JsonHttp caller(String tenant, String user) {
    return caller(tenant, user, "sessions:write", "sessions:read");
  }

  private static JsonHttp caller(String tenant, String user, String... capabilities) {
    return hub.gateway().as(hub.tokens().mint(tenant, user, capabilities));
  }
}
