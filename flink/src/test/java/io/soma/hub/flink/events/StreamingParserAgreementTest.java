package io.soma.hub.flink.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The streaming {@link CloudEventParser} against the tree parser it replaced ({@link
 * TreeCloudEventParser}): on well-formed events, on every prefix of one, and on many randomly
 * damaged ones (fixed seed), both give the same event or reject with the same reason.
 */
@DisplayName("The streaming parser accepts and rejects exactly what the tree parser did")
class StreamingParserAgreementTest {

  private static final String TYPE = "io.soma.hub.session.started";
  // Characters that change JSON's structure, escapes, kinds of value and times when they land in a
  // record.
  private static final String NOISE =
      "{}[]\",:\\ \t\n0123456789.-+eEtrufalsnTZz/u\u00e9\u0000\u2028";
  private static final List<String> FRAGMENTS =
      List.of(
          "{",
          "}",
          "[",
          "]",
          "\"",
          ",",
          ":",
          "null",
          "true",
          "1e5",
          "-0.5",
          "\\u0041",
          "\\\"",
          "\"id\":\"x\",",
          "\"data\":{},",
          "\"tenant\":1,",
          "\"time\":\"2026-11-25T10:00:01+00:00\",",
          "\"specversion\":\"1.0\",",
          "\"a\":{\"b\":[{}]},",
          "  ",
          "\"x\":\"y\"} {");

  @Test
  @DisplayName("every prefix of a well-formed event")
  void prefixes() {
    String event = TestEvents.event("e-1", "acme", TYPE, "2026-11-25T10:00:01.250+01:00");
    for (int end = 0; end <= event.length(); end++) {
      assertSameOutcome(event.substring(0, end));
    }
  }

  @Test
  @DisplayName(
      "50,000 randomly damaged events: characters replaced, inserted, removed, fragments spliced in")
  void damagedEvents() {
    Random random = new Random(16);
    List<String> records = new ArrayList<>();
    for (int i = 0; i < 50_000; i++) {
      String time =
          String.format(
              "%04d-%02d-%02dT%02d:%02d:%02d%s%s",
              random.nextInt(3) == 0 ? 2024 : 2026,
              random.nextInt(14),
              random.nextInt(33),
              random.nextInt(26),
              random.nextInt(61),
              random.nextInt(61),
              random.nextBoolean() ? "" : "." + "123456789012".substring(0, random.nextInt(12)),
              List.of("Z", "z", "+00:00", "-05:30", "+18:00", "+19:00", "-00:00", "", "+1:00")
                  .get(random.nextInt(9)));
      StringBuilder record =
          new StringBuilder(TestEvents.event("e-" + i, "t" + random.nextInt(3), TYPE, time));
      int damages = random.nextInt(4);
      for (int d = 0; d < damages; d++) {
        int at = random.nextInt(record.length() + 1);
        switch (random.nextInt(4)) {
          case 0 -> record.insert(at, NOISE.charAt(random.nextInt(NOISE.length())));
          case 1 -> record.insert(at, FRAGMENTS.get(random.nextInt(FRAGMENTS.size())));
          case 2 -> {
            if (at < record.length()) {
              record.deleteCharAt(at);
            }
          }
          default -> {
            if (at < record.length()) {
              record.setCharAt(at, NOISE.charAt(random.nextInt(NOISE.length())));
            }
          }
        }
      }
      records.add(record.toString());
    }
    int accepted = 0;
    for (String record : records) {
      accepted += assertSameOutcome(record) ? 1 : 0;
    }
    // The corpus must exercise both sides, not only one kind of rejection.
    assertThat(accepted).isBetween(1_000, 49_000);
  }

  /** Both parsers give the same; true when they accepted the record. */
  private static boolean assertSameOutcome(String record) {
    Object expected = outcome(() -> TreeCloudEventParser.parse(record));
    Object actual = outcome(() -> CloudEventParser.parse(record));
    assertThat(actual).as("the streaming parser on %s", record).isEqualTo(expected);
    return expected instanceof CloudEvent;
  }

  private interface Parse {
    CloudEvent parse() throws MalformedEventException;
  }

  private static Object outcome(Parse parse) {
    try {
      return parse.parse();
    } catch (MalformedEventException e) {
      return "rejected: " + e.getMessage();
    }
  }
}
