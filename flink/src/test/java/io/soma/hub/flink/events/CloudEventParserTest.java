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
  @DisplayName(
      "a structured CloudEvent gives its id, source, type, time and tenant; other data is dropped")
  void wellFormed() throws Exception {
    CloudEvent event =
        CloudEventParser.parse(TestEvents.event("e-1", "acme", TYPE, "2026-11-25T10:00:01.250Z"));

    assertThat(event)
        .isEqualTo(
            new CloudEvent(
                "e-1",
                "/hub/functions/sessions",
                TYPE,
                Instant.parse("2026-11-25T10:00:01.250Z").toEpochMilli(),
                "acme"));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "2026-11-25T10:00:01Z",
        "2026-11-25T10:00:01+00:00",
        "2026-11-25t10:00:01z",
        "2026-11-25T11:00:01+01:00",
        "2026-11-25T10:00:01.000000000Z",
        "2026-11-25T05:00:01-05:00"
      })
  @DisplayName(
      "every RFC 3339 spelling of the same instant, both Z and +00:00 among them, is the same time")
  void rfc3339Spellings(String time) throws Exception {
    assertThat(CloudEventParser.parse(TestEvents.event("e", "acme", TYPE, time)).timeMillis())
        .isEqualTo(Instant.parse("2026-11-25T10:00:01Z").toEpochMilli());
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "2026-11-25T10:00:01", "2026-11-25 10:00:01Z", "2026-11-25T10:00Z", "2026-02-30T10:00:01Z",
        "2026-11-25T24:00:01Z", "1764064801000", "yesterday", "2026-11-25T10:00:01.1234567891Z"
      })
  @DisplayName(
      "a time that is not RFC 3339 (no offset, no seconds, impossible date, epoch number) is rejected")
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
        broken(
            "data.tenant longer than 256 characters",
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
    String record =
        TestEvents.event("e", "acme", TYPE, "2026-11-25T10:00:01Z")
            .replaceFirst("\\{", "{\"id\":\"other\",");
    assertRejected(record, "not JSON");
  }

  static Stream<Arguments> repeatedKeys() {
    String event = TestEvents.event("e", "acme", TYPE, "2026-11-25T10:00:01Z");
    return Stream.of(
        Arguments.of("in data", event.replace("\"data\":{", "\"data\":{\"tenant\":\"other\",")),
        Arguments.of(
            "in an object nested in data",
            event.replace("\"data\":{", "\"data\":{\"extra\":{\"a\":1,\"a\":2},")),
        Arguments.of(
            "in an object in an array of an unknown attribute",
            event.replace("{\"specversion\"", "{\"ext\":[{\"k\":[],\"k\":{}}],\"specversion\"")),
        Arguments.of(
            "data itself",
            event.replace("\"datacontenttype\"", "\"data\":{},\"datacontenttype\"")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("repeatedKeys")
  @DisplayName("a repeated key anywhere, in objects the job skips too, makes the record not JSON")
  void repeatedKeysAnywhere(String where, String record) {
    assertRejected(record, "not JSON");
  }

  static Stream<Arguments> skippedValues() {
    String event = TestEvents.event("e", "acme", TYPE, "2026-11-25T10:00:01Z");
    return Stream.of(
        Arguments.of(
            "nested objects and arrays in data",
            event.replace(
                "\"data\":{",
                "\"data\":{\"deep\":{\"tenant\":\"inner\",\"list\":[1,[2,{\"id\":3}]]},")),
        Arguments.of(
            "unknown attributes of every kind before the envelope",
            event.replace(
                "{\"specversion\"",
                "{\"x\":null,\"y\":[true,false],\"z\":{\"id\":\"no\"},\"n\":-1.5e3,\"specversion\"")),
        Arguments.of(
            "data before the envelope, the envelope in another order",
            "{\"data\":{\"tenant\":\"acme\"},\"time\":\"2026-11-25T10:00:01Z\",\"type\":\""
                + TYPE
                + "\",\"source\":\"/hub/functions/sessions\",\"id\":\"e\",\"specversion\":\"1.0\"}"),
        Arguments.of(
            "whitespace between every token",
            event.replace("\",", "\" ,\n\t").replace("\":", "\" : ").replace("{", "{ ") + " \r\n"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("skippedValues")
  @DisplayName("values the job does not use are skipped wherever they are, whatever they hold")
  void skippedValuesDoNotMatter(String what, String record) throws Exception {
    assertThat(CloudEventParser.parse(record))
        .isEqualTo(
            new CloudEvent(
                "e",
                "/hub/functions/sessions",
                TYPE,
                Instant.parse("2026-11-25T10:00:01Z").toEpochMilli(),
                "acme"));
  }

  @Test
  @DisplayName(
      "escapes are decoded: unicode escapes, escaped quotes and non-ASCII text are the attribute's text")
  void escapes() throws Exception {
    String record =
        TestEvents.event("e", "acme", TYPE, "2026-11-25T10:00:01Z")
            .replace("\"id\":\"e\"", "\"id\":\"\\u0065-\\\"q\\\"-\\u00e9-\u00e9-\\ud83d\\ude00\"")
            .replace("\"tenant\":\"acme\"", "\"tenant\":\"\\u0061cme\"");

    CloudEvent event = CloudEventParser.parse(record);

    assertThat(event.id()).isEqualTo("e-\"q\"-\u00e9-\u00e9-\ud83d\ude00");
    assertThat(event.tenant()).isEqualTo("acme");
  }

  static Stream<Arguments> wrongKinds() {
    return Stream.of(
        broken("id is not a string", event -> event.put("id", 1.5)),
        broken("source is not a string", event -> event.put("source", true)),
        broken("type is not a string", event -> event.putArray("type").add("a")),
        broken(
            "data.tenant is not a string",
            event -> ((ObjectNode) event.get("data")).put("tenant", 7)),
        broken(
            "data.tenant is not a string",
            event -> ((ObjectNode) event.get("data")).putObject("tenant")),
        broken("missing data.tenant", event -> ((ObjectNode) event.get("data")).putNull("tenant")),
        broken("missing specversion", event -> event.putObject("specversion")),
        broken(
            "missing data object",
            event -> event.putArray("data").addObject().put("tenant", "acme")),
        broken("missing data object", event -> event.putNull("data")),
        // The tenant must be data's own attribute, not one at the top or deeper in data.
        broken(
            "missing data.tenant",
            event -> {
              ((ObjectNode) event.get("data")).remove("tenant");
              event.put("tenant", "acme");
              ((ObjectNode) event.get("data")).putObject("nested").put("tenant", "acme");
            }),
        // The first failing check in the tree parser's order names the record.
        broken(
            "missing id",
            event -> {
              event.remove("id");
              event.put("time", 5);
              ((ObjectNode) event.get("data")).remove("tenant");
            }));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("wrongKinds")
  @DisplayName(
      "a number, boolean, array or object where a string belongs is named, in the order of the checks")
  void wrongKinds(String reason, String record) {
    assertRejected(record, reason);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "{\"id\":\"a\"} {}",
        "{} []",
        "[] x",
        "{\"n\":1",
        "{\"s\":\"a\\x\"}",
        "{\"s\":\"tab\there\"}",
        "{\"n\":01}",
        "{\"n\":NaN}",
        "{\"a\":[1,2}",
        "{\"a\":1,}"
      })
  @DisplayName(
      "bad syntax in values the job skips, and anything after the first value, is not JSON")
  void badSyntaxAnywhere(String record) {
    assertRejected(record, "not JSON");
  }

  @Test
  @DisplayName(
      "a number longer than Jackson's limit (1,000 digits) in a skipped value is not JSON, as in a tree")
  void overlongNumber() {
    String record =
        TestEvents.event("e", "acme", TYPE, "2026-11-25T10:00:01Z")
            .replace("\"data\":{", "\"data\":{\"n\":1" + "0".repeat(1_200) + ",");
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
    CloudEvent event =
        CloudEventParser.parse(
            TestEvents.event("e-9", "acme", TYPE, "2026-11-25T10:00:01.250+00:00"));

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
