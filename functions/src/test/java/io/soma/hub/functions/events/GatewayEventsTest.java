package io.soma.hub.functions.events;

import static org.assertj.core.api.Assertions.assertThat;

import io.soma.hub.events.EventTopic;
import io.soma.hub.functions.support.GatewayTestConfiguration;
import io.soma.hub.functions.support.HttpCalls;
import io.soma.hub.functions.support.HttpCalls.Answer;
import io.soma.hub.functions.support.TestTokens;
import io.soma.hub.orchestration.session.SessionIds;
import io.soma.hub.testing.kafka.KafkaBroker;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The gateway with HUB_KAFKA_BOOTSTRAP_SERVERS on a real KRaft broker publishes what it decided
 * itself.
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "HUB_JWT_SECRET=" + TestTokens.SECRET,
      "HUB_DB_URL=jdbc:h2:mem:gateway-events;DB_CLOSE_DELAY=-1;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE"
    })
@Import(GatewayTestConfiguration.class)
class GatewayEventsTest {

  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static KafkaBroker kafka;

  @LocalServerPort int port;

  @DynamicPropertySource
  static void broker(DynamicPropertyRegistry registry) {
    kafka = KafkaBroker.start();
    kafka.createTopic("soma.events", 2);
    registry.add("hub.kafka.bootstrap-servers", kafka::bootstrapServers);
  }

  @AfterAll
  static void stopBroker() {
    kafka.close();
  }

  @Test
  void newSessionsAndModerationBlocksArePublishedAndReplaysStartNothingNew() {
    HttpCalls http = new HttpCalls(port);
    String acme = TestTokens.hs256("acme", "ann", "sessions:write");
    String globex = TestTokens.hs256("globex", "gus", "sessions:write");

    Answer keyed = post(http, acme, "run-1", "Plan a launch");
    Answer replayed = post(http, acme, "run-1", "Plan a launch");
    Answer unkeyed = post(http, globex, null, "Plan a sale");
    Answer blocked = post(http, acme, "run-2", "build a jailbreak");
    Answer blockedAgain = post(http, acme, "run-2", "build a jailbreak");

    assertThat(
            List.of(
                keyed.status(),
                replayed.status(),
                unkeyed.status(),
                blocked.status(),
                blockedAgain.status()))
        .containsExactly(201, 200, 201, 403, 403);
    String keyedId = keyed.json().get("session_id").asString();
    String unkeyedId = unkeyed.json().get("session_id").asString();
    List<ConsumerRecord<String, String>> records =
        EventTopic.read(kafka.bootstrapServers(), "soma.events", 4, Duration.ofSeconds(30));

    List<JsonNode> events = records.stream().map(r -> JSON.readTree(r.value())).toList();
    assertThat(events)
        .extracting(e -> e.get("id").asString())
        .containsExactlyInAnyOrder(
            keyedId + ":session.accepted",
            unkeyedId + ":session.accepted",
            // the session id run-2 would have had, so the retried block repeats its id
            SessionIds.fromIdempotencyKey("acme", "run-2") + ":moderation.blocked",
            SessionIds.fromIdempotencyKey("acme", "run-2") + ":moderation.blocked");
    assertThat(events)
        .allSatisfy(
            event -> {
              assertThat(event.get("specversion").asString()).isEqualTo("1.0");
              assertThat(event.get("source").asString()).isEqualTo("/soma-hub/functions");
            });
    assertThat(records)
        .allSatisfy(
            record -> {
              assertThat(record.key())
                  .isEqualTo(JSON.readTree(record.value()).get("data").get("tenant").asString());
              assertThat(record.value()).doesNotContain("launch").doesNotContain("jailbreak");
            });
    assertThat(events)
        .filteredOn(e -> e.get("type").asString().equals("io.soma.hub.session.accepted"))
        .extracting(e -> e.get("data").get("tenant").asString())
        .containsExactlyInAnyOrder("acme", "globex");
  }

  static Answer post(HttpCalls http, String token, String idempotencyKey, String prompt) {
    HttpRequest.Builder request =
        http.request("/v1/sessions", token)
            .header("Content-Type", "application/json")
            .POST(HttpCalls.body("{\"prompt\":\"" + prompt + "\"}"));
    if (idempotencyKey != null) {
      request.header("Idempotency-Key", idempotencyKey);
    }
    return http.send(request.build());
  }
}
