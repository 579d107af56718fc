package io.soma.hub.e2e.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.soma.hub.e2e.support.JsonHttp;
import io.soma.hub.e2e.support.LocalHub;
import io.soma.hub.e2e.support.OpenAiModelStub;
import io.soma.hub.e2e.support.RequiresHubJars;
import io.soma.hub.e2e.support.SessionCalls;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Listing and cancelling sessions through the real jars against a real Temporal dev server (its
 * SQLite visibility answers the list filters). The model answers after {@link #MODEL_DELAY}, so a
 * session stays RUNNING long enough to be listed as running and to be cancelled in its model call.
 */
@RequiresHubJars
class SessionListAndCancelEndToEndTest {

  private static final Duration MODEL_DELAY = Duration.ofSeconds(15);

  /** Visibility trails a start or an end by about a second; the awaits allow for a busy machine. */
  private static final Duration VISIBLE = Duration.ofSeconds(30);

  private static OpenAiModelStub model;
  private static LocalHub hub;

  @BeforeAll
  static void startTheHub() {
    model = OpenAiModelStub.start("e2e-slow-model", MODEL_DELAY);
    hub = LocalHub.builder().quickStartJvms().model(model, "e2e-slow-model", "sk-e2e-list").start();
  }

  @AfterAll
  static void stopTheHub() {
    if (hub != null) {
      hub.close();
    }
    if (model != null) {
      model.close();
    }
  }

  @Test
  void aTenantListsPagesAndCancelsItsOwnSessionsOnly() {
    JsonHttp ann = caller("acme", "ann");
    JsonHttp eve = caller("globex", "eve");
    String first = SessionCalls.create(ann, "list me first");
    String second = SessionCalls.create(ann, "list me second");
    String doomed = SessionCalls.create(ann, "cancel me in my model call");
    String eves = SessionCalls.create(eve, "another tenant's");
    awaitModelCall("cancel me in my model call");

    JsonHttp.Response cancelled = cancel(ann, doomed);
    assertThat(cancelled.status()).as(cancelled.toString()).isEqualTo(202);
    assertThat(cancelled.json().get("session_id").asText()).isEqualTo(doomed);
    assertThat(cancelled.header("Location")).hasValue("/v1/sessions/" + doomed);
    JsonNode ended = SessionCalls.awaitFinished(ann, doomed, Duration.ofSeconds(30));
    assertThat(ended.get("status").asText()).as(ended.toString()).isEqualTo("CANCELLED");

    await()
        .atMost(VISIBLE)
        .untilAsserted(
            () ->
                assertThat(listAll(ann, "limit=2"))
                    .containsExactlyInAnyOrder(first, second, doomed));
    assertThat(items(ann.get("/v1/sessions?limit=2"))).hasSize(2);
    await()
        .atMost(VISIBLE)
        .untilAsserted(
            () ->
                assertThat(listAll(ann, "status=RUNNING"))
                    .containsExactlyInAnyOrder(first, second));
    await()
        .atMost(VISIBLE)
        .untilAsserted(() -> assertThat(listAll(ann, "status=CANCELLED")).containsExactly(doomed));
    JsonNode running = items(ann.get("/v1/sessions?status=RUNNING")).get(0);
    assertThat(running.get("created_at").asText()).matches("\\d{4}-\\d\\d-\\d\\dT.*Z");
    assertThat(running.get("ended_at").isNull()).isTrue();

    assertThat(listAll(eve, "")).as("another tenant's listing").containsExactly(eves);
    assertThat(cancel(eve, first).status()).as("another tenant cancels").isEqualTo(404);

    SessionCalls.awaitAllFinished(ann, List.of(first, second), MODEL_DELAY.multipliedBy(4));
    await()
        .atMost(VISIBLE)
        .untilAsserted(
            () ->
                assertThat(listAll(ann, "status=COMPLETED"))
                    .containsExactlyInAnyOrder(first, second));
    JsonHttp.Response late = cancel(ann, first);
    assertThat(late.status()).as(late.toString()).isEqualTo(409);
    assertThat(late.json().get("status").asText()).isEqualTo("COMPLETED");
    assertThat(cancel(ann, doomed).json().get("status").asText()).isEqualTo("CANCELLED");
  }

  @Test
  void aTenantNameThatNeedsQuotingListsOnlyItsOwn() {
    JsonHttp odd = caller("o'brien \" OR HubTenant = 'acme", "x");
    String mine = SessionCalls.create(odd, "an odd tenant's session");

    await().atMost(VISIBLE).untilAsserted(() -> assertThat(listAll(odd, "")).containsExactly(mine));
  }

  @Test
  void everyBadListingOrCancelIsAClearClientError() {
    JsonHttp ann = caller("initech", "bad-input");
    for (String query :
        List.of(
            "status=running",
            "status=",
            "limit=0",
            "limit=101",
            "limit=1e1",
            "limit=%2B5",
            "limit=1&limit=2",
            "offset=3",
            "cursor=",
            "cursor=!!!",
            "cursor=AQ",
            "cursor=" + "A".repeat(1100))) {
      JsonHttp.Response response = ann.get("/v1/sessions?" + query);
      assertThat(response.status()).as(query + " -> " + response).isEqualTo(400);
      assertThat(response.header("Content-Type"))
          .hasValueSatisfying(type -> assertThat(type).contains("problem+json"));
    }
    String running = SessionCalls.create(ann, "not to be cancelled by a reader");
    SessionCalls.create(ann, "a second running one, for a second page");
    await()
        .atMost(VISIBLE)
        .untilAsserted(() -> assertThat(listAll(ann, "status=RUNNING")).hasSize(2));
    String runningCursor =
        ann.get("/v1/sessions?status=RUNNING&limit=1").json().get("next_cursor").asText();
    assertThat(ann.get("/v1/sessions?status=CANCELLED&cursor=" + runningCursor).status())
        .as("a cursor of another filter")
        .isEqualTo(400);
    assertThat(ann.get("/v1/sessions?cursor=" + runningCursor).status())
        .as("a filtered cursor, unfiltered")
        .isEqualTo(400);
    assertThat(cancel(caller("initech", "reader", "sessions:read"), running).status())
        .as("cancel without sessions:write")
        .isEqualTo(403);
    assertThat(caller("initech", "writer", "sessions:write").get("/v1/sessions").status())
        .as("list without sessions:read")
        .isEqualTo(403);
    assertThat(cancel(ann, "not-a-session").status()).isEqualTo(404);
    assertThat(cancel(ann, "00000000-0000-0000-0000-000000000000").status()).isEqualTo(404);
  }

  private static JsonHttp caller(String tenant, String user) {
    return caller(tenant, user, "sessions:write", "sessions:read");
  }

  private static JsonHttp caller(String tenant, String user, String... capabilities) {
    return hub.gateway().as(hub.tokens().mint(tenant, user, capabilities));
  }

  private static JsonHttp.Response cancel(JsonHttp caller, String sessionId) {
    return caller.send("POST", "/v1/sessions/" + sessionId + "/cancel", null);
  }

  /** Every session id of every page of a listing, following next_cursor. */
  private static List<String> listAll(JsonHttp caller, String query) {
    List<String> ids = new ArrayList<>();
    Set<String> cursors = new HashSet<>();
    String cursor = null;
    do {
      String path =
          "/v1/sessions?"
              + query
              + (cursor == null ? "" : (query.isEmpty() ? "" : "&") + "cursor=" + cursor);
      JsonHttp.Response page = caller.get(path);
      assertThat(page.status()).as(path + " -> " + page).isEqualTo(200);
      items(page).forEach(item -> ids.add(item.get("session_id").asText()));
      cursor =
          page.json().get("next_cursor").isNull() ? null : page.json().get("next_cursor").asText();
      assertThat(cursor == null || cursors.add(cursor)).as("a cursor seen before").isTrue();
    } while (cursor != null);
    return ids;
  }

  private static List<JsonNode> items(JsonHttp.Response page) {
    List<JsonNode> items = new ArrayList<>();
    page.json().get("sessions").forEach(items::add);
    return items;
  }

  private static void awaitModelCall(String prompt) {
    await().atMost(Duration.ofSeconds(60)).until(() -> !model.callsFor(prompt).isEmpty());
  }
}
