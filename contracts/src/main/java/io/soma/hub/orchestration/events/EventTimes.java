package io.soma.hub.orchestration.events;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** The {@code time} attribute: RFC 3339 in UTC, always with seconds and milliseconds. */
public final class EventTimes {

  private static final DateTimeFormatter RFC_3339_UTC =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

  private EventTimes() {}

  public static String format(long epochMillis) {
    return RFC_3339_UTC.format(Instant.ofEpochMilli(epochMillis));
  }
}
