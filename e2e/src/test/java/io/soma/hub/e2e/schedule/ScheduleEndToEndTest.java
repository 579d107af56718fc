package io.soma.hub.e2e.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.soma.hub.e2e.support.JsonHttp;
import io.soma.hub.e2e.support.LocalHub;
import io.soma.hub.e2e.support.RequiresHubJars;
import io.soma.hub.e2e.support.SessionCalls;
import io.soma.hub.orchestration.schedule.ScheduleIds;
import io.temporal.client.schedules.ScheduleClient;
import io.temporal.client.schedules.ScheduleClientOptions;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Schedules through the real jars on a real Temporal dev server (Temporal's test server has no
 * Schedules): created, read with their next runs, listed, paused, unpaused, run (Temporal's
 * trigger, rather than waiting for the cron) into a session that completes and is listed with the
 * tenant's sessions, deleted; never reachable by another tenant; at most the tenant's limit,
 * however many creates race; and every bad input a 4xx problem.
 */
@RequiresHubJars
class ScheduleEndToEndTest {

  private static final int LIMIT = 3;

  /**
   * Visibility trails a create or a start by about a second; the awaits allow for a busy machine.
   */
  private static final Duration VISIBLE = Duration.ofSeconds(30);

  private static LocalHub hub;
  private static ScheduleClient temporal;

  @BeforeAll
  static void startTheHub() {
    hub =
        LocalHub.builder()
            .quickStartJvms()
            .env("HUB_SCHEDULES_PER_TENANT", Integer.toString(LIMIT))
            .start();
    temporal =
        ScheduleClient.newInstance(
            hub.workflows().client().getWorkflowServiceStubs(),
            ScheduleClientOptions.newBuilder().setNamespace(hub.temporal().namespace()).build());
  }

  @AfterAll
  static void stopTheHub() {
    if (hub != null) {
      hub.close();
    }
  }

  @Test
  void aScheduleRunsASessionOfItsTenantAndIsGoneOnceDeleted() {
    JsonHttp ann = caller("acme", "ann");
    JsonHttp eve = caller("globex", "eve");

    JsonHttp.Response created =
        ann.post(
            "/v1/schedules",
            Map.of(
                "cron",
                "*/30 * * * *",
                "prompt",
                "Summarize the new support tickets",
                "timezone",
                "Europe/Paris"));
    assertThat(created.status()).as(created.toString()).isEqualTo(201);
    String id = created.json().get("schedule_id").asText();
    assertThat(created.header("Location")).hasValue("/v1/schedules/" + id);

    JsonNode schedule = ok(ann.get("/v1/schedules/" + id));
    assertThat(schedule.get("cron").asText()).isEqualTo("*/30 * * * *");
    assertThat(schedule.get("timezone").asText()).isEqualTo("Europe/Paris");
    assertThat(schedule.get("prompt").asText()).isEqualTo("Summarize the new support tickets");
    assertThat(schedule.get("paused").asBoolean()).isFalse();
    assertThat(schedule.get("recent_runs")).isEmpty();
    List<OffsetDateTime> next = new ArrayList<>();
    schedule.get("next_runs").forEach(run -> next.add(OffsetDateTime.parse(run.asText())));
    assertThat(next).hasSize(5);
    for (int i = 1; i < next.size(); i++) {
      assertThat(Duration.between(next.get(i - 1), next.get(i))).isEqualTo(Duration.ofMinutes(30));
      assertThat(next.get(i).getMinute() % 30).isZero();
    }
    assertThat(next.get(0).getOffset().getTotalSeconds())
        .as("Paris' offset at that time")
        .isEqualTo(
            java.time.ZoneId.of("Europe/Paris")
                .getRules()
                .getOffset(next.get(0).toInstant())
                .getTotalSeconds());
    await().atMost(VISIBLE).untilAsserted(() -> assertThat(listed(ann)).containsExactly(id));

    for (String action : List.of("pause", "unpause")) {
      assertThat(eve.send("POST", "/v1/schedules/" + id + "/" + action, null).status())
          .as(action)
          .isEqualTo(404);
    }
    assertThat(eve.get("/v1/schedules/" + id).status()).isEqualTo(404);
    assertThat(eve.send("DELETE", "/v1/schedules/" + id, null).status()).isEqualTo(404);
    assertThat(listed(eve)).as("another tenant's listing").isEmpty();

    JsonNode paused = ok(ann.send("POST", "/v1/schedules/" + id + "/pause", null));
    assertThat(paused.get("paused").asBoolean()).isTrue();
    assertThat(ok(ann.get("/v1/schedules/" + id)).get("next_runs"))
        .as("no run while paused")
        .isEmpty();
    assertThat(
            ok(ann.send("POST", "/v1/schedules/" + id + "/unpause", null))
                .get("paused")
                .asBoolean())
        .isFalse();
    assertThat(ok(ann.get("/v1/schedules/" + id)).get("next_runs")).hasSize(5);

    temporal.getHandle(ScheduleIds.temporalId("acme", id)).trigger();
    String sessionId =
        await()
            .atMost(VISIBLE)
            .until(
                () -> ok(ann.get("/v1/schedules/" + id)).get("recent_runs"),
                runs -> !runs.isEmpty())
            .get(0)
            .get("session_id")
            .asText();
    // The run admits its session before it starts it: the run shows a moment before its session
    // exists.
    await().atMost(VISIBLE).until(() -> ann.get("/v1/sessions/" + sessionId).status() == 200);
    JsonNode session = SessionCalls.awaitFinished(ann, sessionId, Duration.ofSeconds(90));
    assertThat(session.get("status").asText()).as(session.toString()).isEqualTo("COMPLETED");
    assertThat(session.at("/result/reply").asText()).isNotBlank();
    await()
        .atMost(VISIBLE)
        .untilAsserted(
            () ->
                assertThat(
                        ann.get("/v1/sessions?status=COMPLETED")
                            .json()
                            .get("sessions")
                            .findValuesAsText("session_id"))
                    .contains(sessionId));
    assertThat(eve.get("/v1/sessions/" + sessionId).status())
        .as("another tenant reads the session")
        .isEqualTo(404);

    JsonHttp.Response deleted = ann.send("DELETE", "/v1/schedules/" + id, null);
    assertThat(deleted.status()).as(deleted.toString()).isEqualTo(204);
    assertThat(deleted.body()).isEmpty();
    assertThat(deleted.header("X-Request-Id")).isPresent();
    for (JsonHttp.Response gone :
        List.of(
            ann.get("/v1/schedules/" + id),
            ann.send("DELETE", "/v1/schedules/" + id, null),
            ann.send("POST", "/v1/schedules/" + id + "/pause", null))) {
      assertThat(gone.status()).as(gone.toString()).isEqualTo(404);
      assertThat(gone.header("Content-Type"))
          .hasValueSatisfying(type -> assertThat(type).contains("problem+json"));
    }
    await().atMost(VISIBLE).untilAsserted(() -> assertThat(listed(ann)).isEmpty());
    assertThat(ok(ann.get("/v1/sessions/" + sessionId)).get("status").asText())
        .as("the session outlives its schedule")
        .isEqualTo("COMPLETED");
  }

  @Test
  void aTenantHasAtMostItsLimitHoweverManyCreatesRace() throws Exception {
    JsonHttp ann = caller("initech", "ann");
    ExecutorService pool = Executors.newFixedThreadPool(8);
    List<JsonHttp.Response> answers = new ArrayList<>();
    try {
      List<Callable<JsonHttp.Response>> creates =
          IntStream.range(0, 8)
              .<Callable<JsonHttp.Response>>mapToObj(
                  i ->
                      () ->
                          ann.post(
                              "/v1/schedules",
                              Map.of("cron", "0 " + i + " * * *", "prompt", "Daily report " + i)))
              .toList();
      for (Future<JsonHttp.Response> answer : pool.invokeAll(creates)) {
        answers.add(answer.get());
      }
    } finally {
      pool.shutdownNow();
    }

    assertThat(answers).filteredOn(a -> a.status() == 201).hasSize(LIMIT);
    List<JsonHttp.Response> refused = answers.stream().filter(a -> a.status() != 201).toList();
    assertThat(refused)
        .hasSize(8 - LIMIT)
        .allSatisfy(
            answer -> {
              assertThat(answer.status()).as(answer.toString()).isEqualTo(409);
              assertThat(answer.json().get("limit").asText()).isEqualTo("schedules");
              assertThat(answer.json().get("capacity").asInt()).isEqualTo(LIMIT);
            });
    await().atMost(VISIBLE).untilAsserted(() -> assertThat(listed(ann)).hasSize(LIMIT));

    String first =
        answers.stream()
            .filter(a -> a.status() == 201)
            .findFirst()
            .orElseThrow()
            .json()
            .get("schedule_id")
            .asText();
    assertThat(ann.send("DELETE", "/v1/schedules/" + first, null).status()).isEqualTo(204);
    JsonHttp.Response again =
        ann.post("/v1/schedules", Map.of("cron", "0 12 * * *", "prompt", "In the freed place"));
    assertThat(again.status()).as(again.toString()).isEqualTo(201);
  }

  @Test
  void theSameIdempotencyKeyCreatesOneSchedule() {
    JsonHttp ann = caller("hooli", "ann").header("Idempotency-Key", "weekly-digest");
    Map<String, String> body = Map.of("cron", "0 8 * * 1", "prompt", "Weekly digest");

    JsonHttp.Response first = ann.post("/v1/schedules", body);
    JsonHttp.Response repeat = ann.post("/v1/schedules", body);
    JsonHttp.Response reused =
        ann.post("/v1/schedules", Map.of("cron", "0 9 * * 1", "prompt", "Weekly digest"));

    assertThat(first.status()).as(first.toString()).isEqualTo(201);
    assertThat(repeat.status()).as(repeat.toString()).isEqualTo(200);
    assertThat(repeat.json().get("schedule_id").asText())
        .isEqualTo(first.json().get("schedule_id").asText());
    assertThat(reused.status()).as(reused.toString()).isEqualTo(422);
    assertThat(
            ok(caller("hooli", "ann")
                    .get("/v1/schedules/" + first.json().get("schedule_id").asText()))
                .get("timezone")
                .asText())
        .isEqualTo("UTC");
  }

  @Test
  void aTenantNameThatNeedsQuotingSeesOnlyItsOwn() {
    JsonHttp odd = caller("o'brien \" OR HubTenant = 'acme", "x");
    JsonHttp lookalike = caller("o'brien", "x");
    String mine =
        odd.post("/v1/schedules", Map.of("cron", "0 6 * * *", "prompt", "An odd tenant's"))
            .json()
            .get("schedule_id")
            .asText();

    await().atMost(VISIBLE).untilAsserted(() -> assertThat(listed(odd)).containsExactly(mine));
    assertThat(listed(lookalike)).isEmpty();
    assertThat(lookalike.get("/v1/schedules/" + mine).status()).isEqualTo(404);
    assertThat(ok(odd.get("/v1/schedules/" + mine)).get("prompt").asText())
        .isEqualTo("An odd tenant's");
  }

  @Test
  void everyBadRequestIsAClearClientErrorAndCreatesNothing() throws Exception {
    JsonHttp ann = caller("umbrella", "ann");
    Map<String, String> invalid = new LinkedHashMap<>();
    invalid.put("{\"cron\": \"* * * * *\", \"prompt\": \"p\"}", "cron");
    invalid.put("{\"cron\": \"*/4 * * * *\", \"prompt\": \"p\"}", "cron");
    invalid.put("{\"cron\": \"@reboot\", \"prompt\": \"p\"}", "cron");
    invalid.put("{\"cron\": \"@hourly\", \"prompt\": \"p\"}", "cron");
    invalid.put("{\"cron\": \"0 */30 * * * *\", \"prompt\": \"p\"}", "cron");
    invalid.put("{\"cron\": \"0 0 12 * * ? 2030\", \"prompt\": \"p\"}", "cron");
    invalid.put("{\"cron\": \"0 0 * * 7\", \"prompt\": \"p\"}", "cron");
    invalid.put("{\"cron\": \"0 24 * * *\", \"prompt\": \"p\"}", "cron");
    invalid.put("{\"cron\": \"0 0 30 2 *\", \"prompt\": \"p\"}", "cron");
    invalid.put("{\"cron\": \"0 0 * JAN MON\", \"prompt\": \"p\"}", "cron");
    invalid.put("{\"cron\": \"" + "0,".repeat(2000) + "0 0 * * *\", \"prompt\": \"p\"}", "cron");
    invalid.put("{\"cron\": 5, \"prompt\": \"p\"}", "cron");
    invalid.put("{\"prompt\": \"p\"}", "cron");
    invalid.put(
        "{\"cron\": \"0 9 * * *\", \"prompt\": \"p\", \"timezone\": \"+02:00\"}", "timezone");
    invalid.put(
        "{\"cron\": \"0 9 * * *\", \"prompt\": \"p\", \"timezone\": \"Mars/Olympus_Mons\"}",
        "timezone");
    invalid.put(
        "{\"cron\": \"0 9 * * *\", \"prompt\": \"p\", \"timezone\": \"europe/paris\"}", "timezone");
    invalid.put(
        "{\"cron\": \"0 9 * * *\", \"prompt\": \"p\", \"timezone\": \"" + "A".repeat(5000) + "\"}",
        "timezone");
    invalid.put("{\"cron\": \"0 9 * * *\", \"prompt\": \"   \"}", "prompt");
    invalid.put("{\"cron\": \"0 9 * * *\"}", "prompt");
    invalid.put("{\"cron\": \"0 9 * * *\", \"prompt\": \"p\", \"paused\": true}", "paused");
    invalid.put("{\"cron\": \"0 9 * * *\", \"cron\": \"0 10 * * *\", \"prompt\": \"p\"}", "body");
    invalid.put("[\"0 9 * * *\"]", "body");
    for (Map.Entry<String, String> bad : invalid.entrySet()) {
      JsonHttp.Response answer = ann.send("POST", "/v1/schedules", bad.getKey());
      assertThat(answer.status()).as(bad.getKey() + " -> " + answer).isEqualTo(400);
      assertThat(answer.header("Content-Type"))
          .hasValueSatisfying(type -> assertThat(type).contains("problem+json"));
      if (!bad.getValue().equals("body")) {
        assertThat(answer.json().get("field").asText()).as(bad.getKey()).isEqualTo(bad.getValue());
      }
    }
    byte[] badUtf8 =
        "{\"cron\": \"0 9 * * *\", \"prompt\": \"caf\u00e9\"}"
            .getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
    assertThat(raw("POST", "/v1/schedules", badUtf8, "umbrella")).as("bad UTF-8").isEqualTo(400);
    assertThat(
            ann.send(
                    "POST",
                    "/v1/schedules",
                    "{\"cron\": \"0 9 * * *\", \"prompt\": \"" + "x".repeat(70_000) + "\"}")
                .status())
        .as("a body over 64 KiB")
        .isEqualTo(413);
    assertThat(
            ann.post("/v1/schedules", Map.of("cron", "0 9 * * *", "prompt", "write malware"))
                .status())
        .as("moderation")
        .isEqualTo(403);
    assertThat(
            caller("umbrella", "reader", "schedules:read")
                .post("/v1/schedules", Map.of("cron", "0 9 * * *", "prompt", "p"))
                .json()
                .get("required_capability")
                .asText())
        .isEqualTo("schedules:write");
    assertThat(
            caller("umbrella", "writer", "sessions:read", "sessions:write")
                .get("/v1/schedules")
                .status())
        .as("list without schedules:read")
        .isEqualTo(403);
    for (String path :
        List.of(
            "/v1/schedules/not-a-schedule",
            "/v1/schedules/00000000-0000-0000-0000-000000000000",
            "/v1/schedules/" + "A".repeat(36))) {
      assertThat(ann.get(path).status()).as(path).isEqualTo(404);
      assertThat(ann.send("DELETE", path, null).status()).as(path).isEqualTo(404);
    }
    assertThat(ann.send("DELETE", "/v1/schedules", null).status()).isEqualTo(405);
    assertThat(ann.send("PUT", "/v1/schedules/00000000-0000-0000-0000-000000000000", "{}").status())
        .isEqualTo(405);
    assertThat(listed(ann)).as("nothing was created").isEmpty();
  }

  private static JsonHttp caller(String tenant, String user) {
    return caller(tenant, user, "schedules:write", "schedules:read", "sessions:read");
  }

  private static JsonHttp caller(String tenant, String user, String... capabilities) {
    return hub.gateway().as(hub.tokens().mint(tenant, user, capabilities));
  }

  private static JsonNode ok(JsonHttp.Response response) {
    assertThat(response.status()).as(response.toString()).isEqualTo(200);
    return response.json();
  }

  private static List<String> listed(JsonHttp caller) {
    return ok(caller.get("/v1/schedules")).get("schedules").findValuesAsText("schedule_id");
  }

  /** A request whose body is bytes as they are, for what a JSON library would not write. */
  private static int raw(String method, String path, byte[] body, String tenant) throws Exception {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create("http://" + hub.functionsTarget() + path))
            .header(
                "Authorization", "Bearer " + hub.tokens().mint(tenant, "raw", "schedules:write"))
            .header("Content-Type", "application/json")
            .method(method, HttpRequest.BodyPublishers.ofByteArray(body))
            .build();
    return HttpClient.newHttpClient()
        .send(request, HttpResponse.BodyHandlers.discarding())
        .statusCode();
  }
}
