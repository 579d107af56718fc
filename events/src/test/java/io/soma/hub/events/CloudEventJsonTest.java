package io.soma.hub.events;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.soma.hub.orchestration.events.EventTimes;
import io.soma.hub.orchestration.events.HubEvent;
import io.soma.hub.orchestration.events.HubEventTypes;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CloudEventJsonTest {

  /** Committed; the Flink module's CommittedHubEventsTest parses every file here. */
  static final Path FIXTURES = Path.of("src/test/resources/cloudevents");

  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void extensionsAreTopLevelAttributesBesideTheContextOnes() throws IOException {
    HubEvent event = SampleEvents.all().get(0);
    String traceparent = "00-5b8efff798038103d269b633813fc60c-eee19b7ec3c1b174-01";

    JsonNode json = JSON.readTree(CloudEventJson.write(event, Map.of("traceparent", traceparent)));

    assertThat(json.get("traceparent").textValue()).isEqualTo(traceparent);
    assertThat(json.get("data").has("traceparent")).isFalse();
    assertThat(CloudEventJson.write(event, Map.of())).isEqualTo(CloudEventJson.write(event));
  }

  @Test
  void everyEventIsAStructuredCloudEventWithTheTenantInItsData() throws IOException {
    for (HubEvent event : SampleEvents.all()) {
      JsonNode json = JSON.readTree(CloudEventJson.write(event));
      assertThat(json.get("specversion").textValue()).isEqualTo("1.0");
      assertThat(json.get("id").textValue()).isEqualTo(event.id());
      assertThat(json.get("source").textValue()).startsWith("/soma-hub/");
      assertThat(json.get("type").textValue()).isEqualTo(event.type()).startsWith("io.soma.hub.");
      assertThat(json.get("subject").textValue()).isEqualTo(event.subject());
      assertThat(json.get("datacontenttype").textValue()).isEqualTo("application/json");
      assertThat(Instant.parse(json.get("time").textValue()))
          .isEqualTo(Instant.ofEpochMilli(SampleEvents.TIME));
      assertThat(json.get("data").get("tenant").textValue()).isEqualTo("acme");
      event
          .data()
          .forEach(
              (key, value) -> assertThat(json.get("data").get(key).textValue()).isEqualTo(value));
    }
  }

  @Test
  void theSameOccurrenceHasTheSameIdAndTheSameBytes() {
    HubEvent first =
        HubEvent.of(
            HubEventTypes.SESSION_COMPLETED,
            "/soma-hub/worker",
            1_000L,
            "s-1",
            "acme",
            Map.of("b", "2", "a", "1"));
    HubEvent retried =
        HubEvent.of(
            HubEventTypes.SESSION_COMPLETED,
            "/soma-hub/worker",
            1_000L,
            "s-1",
            "acme",
            Map.of("a", "1", "b", "2"));
    assertThat(retried.id()).isEqualTo(first.id()).isEqualTo("s-1:session.completed");
    assertThat(CloudEventJson.write(retried)).isEqualTo(CloudEventJson.write(first));
    HubEvent failed =
        HubEvent.of(
            HubEventTypes.SESSION_FAILED, "/soma-hub/worker", 1_000L, "s-1", "acme", Map.of());
    assertThat(failed.id()).isNotEqualTo(first.id());
  }

  @Test
  void timeIsRfc3339InUtcWithSecondsAndMilliseconds() {
    assertThat(EventTimes.format(0)).isEqualTo("1970-01-01T00:00:00.000Z");
    assertThat(EventTimes.format(1_795_000_000_250L)).isEqualTo("2026-11-18T11:06:40.250Z");
  }

  @Test
  void aTenantInTheDataCannotReplaceTheEventsTenant() throws IOException {
    HubEvent event =
        HubEvent.of(
            HubEventTypes.SESSION_ACCEPTED,
            "/soma-hub/functions",
            0,
            "s",
            "acme",
            Map.of("tenant", "other"));
    JsonNode json = JSON.readTree(CloudEventJson.write(event));
    assertThat(json.get("data").get("tenant").textValue()).isEqualTo("acme");
    assertThat(json.get("data").size()).isEqualTo(1);
  }

  /** Regenerate with -Devents.fixtures.write=true after a deliberate change of the format. */
  @Test
  void theCommittedFixturesAreWhatTheCodeWrites() throws IOException {
    boolean write = Boolean.getBoolean("events.fixtures.write");
    for (HubEvent event : SampleEvents.all()) {
      Path file = FIXTURES.resolve(HubEventTypes.shortName(event.type()) + ".json");
      String json = CloudEventJson.write(event) + "\n";
      if (write) {
        Files.writeString(file, json, StandardCharsets.UTF_8);
      }
      assertThat(file).hasContent(json.strip());
    }
    try (var files = Files.list(FIXTURES)) {
      assertThat(files.count()).isEqualTo(SampleEvents.all().size());
    }
  }
}
