package io.soma.hub.functions.limits;

import java.time.Duration;
import org.springframework.boot.convert.DurationStyle;

/**
 * A token bucket: at most {@code capacity} requests at once, refilled evenly at {@code capacity}
 * per {@code period}. Written {@code capacity/period}, e.g. {@code 100/1s} or {@code 600/1m} (a
 * period as Spring Boot reads durations).
 */
public record RateLimit(long capacity, Duration period) {

  public RateLimit {
    if (capacity < 1) {
      throw new IllegalArgumentException(
          "a rate limit's capacity must be at least 1, got " + capacity);
    }
    if (period.toMillis() < 1 || period.toNanos() % 1_000_000 != 0) {
      throw new IllegalArgumentException(
          "a rate limit's period must be whole milliseconds, at least 1, got " + period);
    }
  }

  /** Parses {@code capacity/period}; Spring's binder finds this method for settings. */
  public static RateLimit valueOf(String text) {
    String[] parts = text.trim().split("/", -1);
    if (parts.length != 2) {
      throw new IllegalArgumentException(
          "a rate limit is written capacity/period, e.g. 100/1s; got '" + text + "'");
    }
    try {
      return new RateLimit(
          Long.parseLong(parts[0].trim()), DurationStyle.detectAndParse(parts[1].trim()));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          "a rate limit is written capacity/period, e.g. 100/1s; got '" + text + "'", e);
    }
  }

  /**
   * The period in its largest whole unit ({@code 1m}, {@code 90s}, {@code 500ms}), as settings
   * write it.
   */
  public String periodText() {
    long millis = period.toMillis();
    if (millis % 3_600_000 == 0) {
      return millis / 3_600_000 + "h";
    }
    if (millis % 60_000 == 0) {
      return millis / 60_000 + "m";
    }
    if (millis % 1_000 == 0) {
      return millis / 1_000 + "s";
    }
    return millis + "ms";
  }

  /** {@code capacity/period}, canonical: one limit always names one bucket. */
  @Override
  public String toString() {
    return capacity + "/" + periodText();
  }
}
