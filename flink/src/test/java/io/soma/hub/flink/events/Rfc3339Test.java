package io.soma.hub.flink.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The hand-read common form of RFC 3339 against the formatter that decides everything else. */
@DisplayName("Rfc3339.epochMillis reads as the RFC 3339 formatter does")
class Rfc3339Test {

  @ParameterizedTest
  @ValueSource(
      strings = {
        "2026-11-25T10:00:01Z", "2026-11-25T10:00:01.250Z", "2026-11-25t10:00:01.2z",
            "2026-11-25T10:00:01.999999999Z",
        "2026-11-25T10:00:01+00:00", "2026-11-25T10:00:01-00:00", "2026-11-25T10:00:01.5-05:30",
            "2024-02-29T23:59:59Z",
        "0000-01-01T00:00:00Z", "1969-12-31T23:59:59.999Z", "9999-12-31T23:59:59+17:59",
            "2026-11-25T10:00:01+18:00",
        "2026-11-25T10:00:01-18:00", "+12026-11-25T10:00:01Z", "-0001-11-25T10:00:01Z"
      })
  @DisplayName("valid times, the common form and the rarer ones, give the formatter's instant")
  void valid(String text) {
    assertThat(Rfc3339.epochMillis(text)).isEqualTo(formatter(text)).isNotNull();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "2026-02-29T10:00:01Z",
        "2026-04-31T10:00:01Z",
        "2026-13-01T10:00:01Z",
        "2026-00-01T10:00:01Z",
        "2026-11-25T24:00:01Z",
        "2026-11-25T10:60:01Z",
        "2026-11-25T10:00:60Z",
        "2026-11-25T10:00:01.Z",
        "2026-11-25T10:00:01.1234567890Z",
        "2026-11-25T10:00:01+18:01",
        "2026-11-25T10:00:01+1:00",
        "2026-11-25T10:00:01+01:60",
        "2026-11-25T10:00:01",
        "2026-11-25T10:00:01ZZ",
        "2026-11-25 10:00:01Z",
        "2026-11-25T10:00Z",
        "2026-1-25T10:00:01Z",
        "2026-11-25T10:00:0\u0661Z",
        "2026-11-25T10:00:01+01:00:00"
      })
  @DisplayName("invalid times are rejected as the formatter rejects them")
  void invalid(String text) {
    assertThat(formatter(text)).isNull();
    assertThat(parsed(text)).isNull();
  }

  @Test
  @DisplayName("100,000 random near-RFC 3339 texts: the same instant or the same rejection")
  void randomTexts() {
    Random random = new Random(3339);
    List<String> offsets =
        List.of(
            "Z", "z", "+00:00", "-00:00", "+05:30", "-12:45", "+17:59", "+18:00", "-18:00",
            "+18:30", "+23:00", "+24:00", "+00:60", "", "+0000");
    int valid = 0;
    for (int i = 0; i < 100_000; i++) {
      String text =
          String.format(
              "%04d-%02d-%02d%s%02d:%02d:%02d%s%s",
              random.nextInt(10_000),
              random.nextInt(14),
              random.nextInt(33),
              random.nextInt(8) == 0 ? "t" : "T",
              random.nextInt(26),
              random.nextInt(62),
              random.nextInt(62),
              random.nextInt(3) == 0 ? "" : "." + "9876543210".substring(0, random.nextInt(11)),
              offsets.get(random.nextInt(offsets.size())));
      Long expected = formatter(text);
      assertThat(parsed(text)).as(text).isEqualTo(expected);
      valid += expected != null ? 1 : 0;
    }
    assertThat(valid).isBetween(10_000, 90_000);
  }

  @Test
  @DisplayName(
      "every millisecond offset of a day around the epoch and today reads back as Instant prints it")
  void instants() {
    for (long base :
        new long[] {0L, Instant.parse("2026-11-25T00:00:00Z").toEpochMilli(), -86_400_000L * 365}) {
      for (long millis = base; millis < base + 86_400_000L; millis += 997) {
        assertThat(Rfc3339.epochMillis(Instant.ofEpochMilli(millis).toString())).isEqualTo(millis);
      }
    }
  }

  private static Long parsed(String text) {
    try {
      return Rfc3339.epochMillis(text);
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  private static Long formatter(String text) {
    try {
      return OffsetDateTime.parse(text, Rfc3339.DATE_TIME).toInstant().toEpochMilli();
    } catch (DateTimeParseException e) {
      return null;
    }
  }
}
