package io.soma.hub.e2e.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.soma.hub.cli.ServerSentEvents;
import io.soma.hub.e2e.support.JsonHttp;
import io.soma.hub.e2e.support.LocalHub;
import io.soma.hub.e2e.support.RequiresHubJars;
import io.soma.hub.e2e.support.SessionCalls;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

/**
 * GET /v1/sessions/{id}/events through the real jars against a real Temporal dev server, with the
 * offline provider streaming its reply word by word: what a watcher sees, a dropped connection
 * resumed with Last-Event-ID, the end.
 */
@RequiresHubJars
class SessionStreamEndToEndTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration READ = Duration.ofSeconds(60);

  // Started when the class is first used, after its conditions (@RequiresHubJars) let it run;
  // closed by JUnit.
  @AutoClose private static final LocalHub hub = LocalHub.builder().quickStartJvms().start();

  @Test
  void aWatcherSeesEveryStepAndTheReplyTokenByTokenThenTheEnd() throws Exception {
    JsonHttp ann = caller("acme", "ann");
    String id =
        SessionCalls.create(ann, "Write the launch announcement for our new espresso machine.");

    List<ServerSentEvents.Event> events;
    try (JsonHttp.OpenEvents stream = ann.openEvents("/v1/sessions/" + id + "/events")) {
      assertThat(stream.status()).isEqualTo(200);
      events = readUntilEnd(stream.events(), Integer.MAX_VALUE);
    }

    assertThat(events.get(0))
        .isEqualTo(new ServerSentEvents.Event("1", "accepted", "{\"session_id\":\"" + id + "\"}"));
    assertThat(events.get(1).type()).isEqualTo("moderated");
    assertThat(events.get(2).type()).isEqualTo("model.started");
    assertThat(json(events.get(2)).path("turn").asInt()).isEqualTo(1);
    List<ServerSentEvents.Event> tokens =
        events.stream().filter(e -> e.type().equals("token")).toList();
    assertThat(tokens).as("the offline provider streams word by word").hasSizeGreaterThan(10);
    assertThat(events.get(events.size() - 2).type()).isEqualTo("model.completed");
    ServerSentEvents.Event end = events.get(events.size() - 1);
    assertThat(end.id()).isEqualTo("end");
    assertThat(end.type()).isEqualTo("completed");
    List<Integer> numbered =
        events.subList(0, events.size() - 1).stream().map(e -> Integer.valueOf(e.id())).toList();
    assertThat(numbered)
        .as("numbered 1, 2, 3, ... without a gap")
        .isEqualTo(java.util.stream.IntStream.rangeClosed(1, numbered.size()).boxed().toList());

    String reply = ann.get("/v1/sessions/" + id).json().at("/result/reply").asText();
    assertThat(text(tokens)).isEqualTo(reply);
    assertThat(json(end).at("/result/reply").asText()).isEqualTo(reply);

    JsonHttp.Response after =
        ann.header("Last-Event-ID", "end").get("/v1/sessions/" + id + "/events");
    assertThat(after.status()).as("after the end: 204, which stops EventSource").isEqualTo(204);
  }

  @Test
  void aDroppedConnectionResumesAfterTheLastEventReceivedWithNothingTwiceAndNothingMissed()
      throws Exception {
    JsonHttp ann = caller("acme", "ann");
    String id =
        SessionCalls.create(
            ann, "Summarise the quarterly report for the sales team in three lines.");

    List<ServerSentEvents.Event> before;
    String lastId;
    try (JsonHttp.OpenEvents stream = ann.openEvents("/v1/sessions/" + id + "/events")) {
      before = readUntilEnd(stream.events(), 6);
      lastId = stream.events().lastId().orElseThrow();
    } // dropped mid-stream
    assertThat(before).hasSize(6);
    assertThat(lastId).isEqualTo("6");

    List<ServerSentEvents.Event> after;
    try (JsonHttp.OpenEvents stream =
        ann.header("Last-Event-ID", lastId).openEvents("/v1/sessions/" + id + "/events")) {
      assertThat(stream.status()).isEqualTo(200);
      after = readUntilEnd(stream.events(), Integer.MAX_VALUE);
    }
    assertThat(after.get(0).id()).isEqualTo("7");
    List<ServerSentEvents.Event> all = new ArrayList<>(before);
    all.addAll(after);
    List<ServerSentEvents.Event> tokens =
        all.stream().filter(e -> e.type().equals("token")).toList();
    assertThat(text(tokens))
        .isEqualTo(ann.get("/v1/sessions/" + id).json().at("/result/reply").asText());
  }

  @Test
  void aConversationStreamsEachTurnAndEndsWhenClosed() throws Exception {
    JsonHttp ann = caller("initech", "ann");
    JsonHttp.Response created =
        ann.post("/v1/sessions", Map.of("prompt", "Plan a launch", "mode", "conversation"));
    assertThat(created.status()).as(created.toString()).isEqualTo(201);
    String id = created.json().get("session_id").asText();

    try (JsonHttp.OpenEvents stream = ann.openEvents("/v1/sessions/" + id + "/events")) {
      List<ServerSentEvents.Event> first = readUntilType(stream.events(), "model.completed");
      assertThat(first).extracting(ServerSentEvents.Event::type).contains("model.started", "token");

      await()
          .atMost(READ)
          .until(
              () -> "WAITING".equals(ann.get("/v1/sessions/" + id).json().path("status").asText()));
      JsonHttp.Response second =
          ann.post("/v1/sessions/" + id + "/messages", Map.of("content", "Make it shorter"));
      assertThat(second.status()).as(second.toString()).isEqualTo(200);
      List<ServerSentEvents.Event> turn = readUntilType(stream.events(), "model.completed");
      assertThat(json(turn.get(0)).path("turn").asInt()).isEqualTo(2);
      assertThat(text(turn.stream().filter(e -> e.type().equals("token")).toList()))
          .isEqualTo(second.json().get("reply").asText());

      assertThat(ann.send("POST", "/v1/sessions/" + id + "/close", null).status()).isEqualTo(202);
      List<ServerSentEvents.Event> end = readUntilEnd(stream.events(), Integer.MAX_VALUE);
      assertThat(end.get(end.size() - 1).type()).isEqualTo("completed");
    }
  }

  @Test
  void anotherTenantsSessionIsNotFoundAndABadLastEventIdIs400() {
    JsonHttp ann = caller("umbrella", "ann");
    String id = SessionCalls.create(ann, "Hello");

    assertThat(caller("globex", "eve").get("/v1/sessions/" + id + "/events").status())
        .isEqualTo(404);
    JsonHttp.Response bad = ann.header("Last-Event-ID", "x").get("/v1/sessions/" + id + "/events");
    assertThat(bad.status()).as(bad.toString()).isEqualTo(400);
    assertThat(bad.json().get("field").asText()).isEqualTo("Last-Event-ID");
  }

  /** Events until the end (or {@code max} of them), each read within {@link #READ}. */
  private static List<ServerSentEvents.Event> readUntilEnd(ServerSentEvents events, int max)
      throws Exception {
    List<ServerSentEvents.Event> read = new ArrayList<>();
    while (read.size() < max) {
      Optional<ServerSentEvents.Event> next = next(events);
      if (next.isEmpty()) {
        break;
      }
      read.add(next.get());
      if ("end".equals(next.get().id())) {
        break;
      }
    }
    return read;
  }

  private static List<ServerSentEvents.Event> readUntilType(ServerSentEvents events, String type)
      throws Exception {
    List<ServerSentEvents.Event> read = new ArrayList<>();
    Optional<ServerSentEvents.Event> next;
    do {
      next = next(events);
      assertThat(next).as("the stream ended before " + type + " after " + read).isPresent();
      read.add(next.get());
    } while (!next.get().type().equals(type));
    return read;
  }

  private static Optional<ServerSentEvents.Event> next(ServerSentEvents events) throws Exception {
    return CompletableFuture.supplyAsync(
            () -> {
              try {
                return events.next();
              } catch (IOException e) {
                throw new IllegalStateException(e);
              }
            })
        .get(READ.toSeconds(), TimeUnit.SECONDS);
  }

  private static String text(List<ServerSentEvents.Event> tokens) {
    StringBuilder text = new StringBuilder();
    tokens.forEach(token -> text.append(json(token).path("text").asText()));
    return text.toString();
  }

  private static JsonNode json(ServerSentEvents.Event event) {
    try {
      return JSON.readTree(event.data());
    } catch (IOException e) {
      throw new IllegalStateException(event.data(), e);
    }
  }

  private static JsonHttp caller(String tenant, String user) {
    return hub.gateway().as(hub.tokens().mint(tenant, user, "sessions:write", "sessions:read"));
  }
}
