package io.soma.hub.flink.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

@DisplayName("CloudEventParser reads hub CloudEvents and names what is wrong with anything else")
class CloudEventParserTest {

  private static final String TYPE = "io.soma.hub.session.started";

  @Test
  @DisplayName("a structured CloudEvent gives its id, source, type, time and tenant; other data is dropped")
  void wellFormed() throws Exception {
    CloudEvent event = CloudEventParser.parse(TestEvents.event("e-1", "acme", TYPE, "2026-11-25T10:00:01.250Z"));

    assertThat(event)
        .isEqualTo(new CloudEvent("e-1", "/hub/functions/sessions", TYPE,
            Instant.parse("2026-11-25T10:00:01.250Z").toEpochMilli(), "acme"));
  }

  @ParameterizedTest
  @ValueSource(strings = {
    "2026-11-25T10:00:01Z", "2026-11-25T10:00:01+00:00", "2026-11-25t10:00:01z", "2026-11-25T11:00:01+01:00",
    "2026-11-25T10:00:01.000000000Z", "2026-11-25T05:00:01-05:00"
  })
  @DisplayName("every RFC 3339 spelling of the same instant, both Z and +00:00 among them, is the same time")
  void rfc3339Spellings(String time) throws Exception {
    assertThat(CloudEventParser.parse(TestEvents.event("e", "acme", TYPE, time)).timeMillis())
        .isEqualTo(Instant.parse("2026-11-25T10:00:01Z").toEpochMilli());
  }

  @ParameterizedTest
  @ValueSource(strings = {
    "2026-11-25T10:00:01", "2026-11-25 10:00:01Z", "2026-11-25T10:00Z", "2026-02-30T10:00:01Z",
    "2026-11-25T24:00:01Z", "1764064801000", "yesterday", "2026-11-25T10:00:01.1234567891Z"
  })
  @DisplayName("a time that is not RFC 3339 (no offset, no seconds, impossible date, epoch number) is rejected")
  void badTimes(String time) {
    assertRejected(TestEvents.event("e", "acme", TYPE, time), "time is not RFC 3339: " + time);
  }

  static Stream<Arguments> brokenEvents() {
    return Stream.of(
        broken("missing id", event -> event.remove("id")),
        broken("blank id", event -> event.put("id", " ")),
        broken("id is not a string", event -> event.put("id", 42)),
        broken("missing id", event -> event.putNull("id")),
        broken("missing source", event -> event.remove("source")),
        broken("missing type", event -> event.remove("type")),
        broken("type is not a string", event -> event.putObject("type")),
        broken("missing time", event -> event.remove("time")),
        broken("time is not a string", event -> event.put("time", 1764064801000L)),
        broken("missing specversion", event -> event.remove("specversion")),
        broken("unsupported specversion 0.3", event -> event.put("specversion", "0.3")),
        broken("missing specversion", event -> event.put("specversion", 1.0)),
        broken("missing data object", event -> event.remove("data")),
        broken("missing data object", event -> event.put("data", "tenant=acme")),
        broken("missing data.tenant", event -> ((ObjectNode) event.get("data")).remove("tenant")),
        broken("blank data.tenant", event -> ((ObjectNode) event.get("data")).put("tenant", "")),
        broken("data.tenant longer than 256 characters",
            event -> ((ObjectNode) event.get("data")).put("tenant", "t".repeat(257))));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("brokenEvents")
  @DisplayName("a missing, blank, mistyped or oversized attribute is rejected with its name")
  void brokenAttributes(String reason, String record) {
    assertRejected(record, reason);
  }

  @ParameterizedTest
  @ValueSource(strings = {"{\"id\":", "not json", "{\"id\":\"a\"} trailing", "{'id':'a'}"})
  @DisplayName("text that is not one JSON document is rejected")
  void notJson(String record) {
    assertRejected(record, "not JSON");
  }

  @Test
  @DisplayName("a repeated key makes the record ambiguous: rejected as not JSON")
  void duplicateKeys() {
    String record = TestEvents.event("e", "acme", TYPE, "2026-11-25T10:00:01Z")
        .replaceFirst("\\{", "{\"id\":\"other\",");
    assertRejected(record, "not JSON");
  }

  @ParameterizedTest
  @ValueSource(strings = {"[]", "\"text\"", "42", "null", "true"})
  @DisplayName("JSON that is not an object is rejected")
  void notAnObject(String record) {
    assertRejected(record, "not a JSON object");
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "   ", "\n"})
  @DisplayName("an empty record (a tombstone, a blank line) is rejected")
  void empty(String record) {
    assertRejected(record, "empty record");
    assertRejected(null, "empty record");
  }

  @Test
  @DisplayName("a parsed event written back reads as the same event")
  void roundTrip() throws Exception {
    CloudEvent event = CloudEventParser.parse(TestEvents.event("e-9", "acme", TYPE, "2026-11-25T10:00:01.250+00:00"));

    assertThat(CloudEventParser.parse(CloudEventJson.write(event))).isEqualTo(event);
  }

  private static Arguments broken(String reason, Consumer<ObjectNode> damage) {
    ObjectNode event = TestEvents.node("e", "acme", TYPE, "2026-11-25T10:00:01Z");
    damage.accept(event);
    return Arguments.of(reason, Json.write(event));
  }

  private static void assertRejected(String record, String reason) {
    assertThatThrownBy(() -> CloudEventParser.parse(record))
        .isInstanceOf(MalformedEventException.class)
        .hasMessage(reason);
  }
}
