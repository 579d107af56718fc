package io.soma.hub.flink.events;

import java.time.Month;
import java.time.OffsetDateTime;
import java.time.Year;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.ResolverStyle;
import java.time.temporal.ChronoField;

/**
 * RFC 3339 {@code date-time}: seconds required, fraction optional, an offset required ({@code Z} or
 * {@code +hh:mm}), letters case-insensitive. The original job read only one of the two offset
 * spellings its own publisher did not write, so both are accepted here.
 */
final class Rfc3339 {

  static final DateTimeFormatter DATE_TIME =
      new DateTimeFormatterBuilder()
          .parseCaseInsensitive()
          .append(DateTimeFormatter.ISO_LOCAL_DATE)
          .appendLiteral('T')
          .appendValue(ChronoField.HOUR_OF_DAY, 2)
          .appendLiteral(':')
          .appendValue(ChronoField.MINUTE_OF_HOUR, 2)
          .appendLiteral(':')
          .appendValue(ChronoField.SECOND_OF_MINUTE, 2)
          .optionalStart()
          .appendFraction(ChronoField.NANO_OF_SECOND, 1, 9, true)
          .optionalEnd()
          .appendOffset("+HH:MM", "Z")
          .toFormatter()
          .withResolverStyle(ResolverStyle.STRICT)
          .withChronology(java.time.chrono.IsoChronology.INSTANCE);

  private static final long UNCOMMON = Long.MIN_VALUE;

  private Rfc3339() {}

  /**
   * The instant in epoch milliseconds (the fraction beyond them cut off, as {@code
   * Instant.toEpochMilli} does). What producers write ({@code 2026-11-25T10:00:01.250Z}, any offset
   * up to 17:59) is read by hand: the formatter costs about as much as reading the rest of the
   * record. Anything else, a wrong time among it, goes to {@link #DATE_TIME}, which decides, so
   * both ways accept and reject the same texts.
   *
   * @throws java.time.format.DateTimeParseException if the text is not an RFC 3339 date-time
   */
  static long epochMillis(String text) {
    long millis = common(text);
    return millis != UNCOMMON
        ? millis
        : OffsetDateTime.parse(text, DATE_TIME).toInstant().toEpochMilli();
  }

  /**
   * {@code yyyy-MM-ddTHH:mm:ss[.f{1,9}](Z|±HH:mm)} with every field in range, else {@link
   * #UNCOMMON}.
   */
  private static long common(String t) {
    int length = t.length();
    if (length < 20
        || t.charAt(4) != '-'
        || t.charAt(7) != '-'
        || (t.charAt(10) | 0x20) != 't'
        || t.charAt(13) != ':'
        || t.charAt(16) != ':') {
      return UNCOMMON;
    }
    int year = digits(t, 0, 4);
    int month = digits(t, 5, 2);
    int day = digits(t, 8, 2);
    int hour = digits(t, 11, 2);
    int minute = digits(t, 14, 2);
    int second = digits(t, 17, 2);
    if (year < 0
        || month < 1
        || month > 12
        || day < 1
        || hour < 0
        || hour > 23
        || minute < 0
        || minute > 59
        || second < 0
        || second > 59
        || day > Month.of(month).length(Year.isLeap(year))) {
      return UNCOMMON;
    }
    int at = 19;
    int millis = 0;
    if (t.charAt(at) == '.') {
      int start = ++at;
      while (at < length && t.charAt(at) >= '0' && t.charAt(at) <= '9') {
        at++;
      }
      int count = at - start;
      if (count < 1 || count > 9) {
        return UNCOMMON;
      }
      for (int i = 0; i < 3; i++) {
        millis = millis * 10 + (i < count ? t.charAt(start + i) - '0' : 0);
      }
    }
    int offsetSeconds = offsetSeconds(t, at);
    if (offsetSeconds == Integer.MIN_VALUE) {
      return UNCOMMON;
    }
    long epochDay = java.time.LocalDate.of(year, month, day).toEpochDay();
    long epochSecond = epochDay * 86_400 + hour * 3_600 + minute * 60 + second - offsetSeconds;
    return epochSecond * 1_000 + millis;
  }

  /**
   * {@code Z} or {@code ±HH:mm} (hours below 18) ending the text at {@code at}, else
   * Integer.MIN_VALUE.
   */
  private static int offsetSeconds(String t, int at) {
    int rest = t.length() - at;
    if (rest == 1 && (t.charAt(at) | 0x20) == 'z') {
      return 0;
    }
    char sign = rest == 6 ? t.charAt(at) : ' ';
    if ((sign != '+' && sign != '-') || t.charAt(at + 3) != ':') {
      return Integer.MIN_VALUE;
    }
    int hours = digits(t, at + 1, 2);
    int minutes = digits(t, at + 4, 2);
    if (hours < 0 || hours > 17 || minutes < 0 || minutes > 59) {
      return Integer.MIN_VALUE;
    }
    int seconds = hours * 3_600 + minutes * 60;
    return sign == '+' ? seconds : -seconds;
  }

  /** The ASCII decimal number of {@code count} characters from {@code from}, or -1. */
  private static int digits(String t, int from, int count) {
    int value = 0;
    for (int i = from; i < from + count; i++) {
      char c = t.charAt(i);
      if (c < '0' || c > '9') {
        return -1;
      }
      value = value * 10 + (c - '0');
    }
    return value;
  }
}
