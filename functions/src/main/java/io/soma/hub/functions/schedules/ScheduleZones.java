package io.soma.hub.functions.schedules;

import io.soma.hub.functions.errors.InvalidInputException;
import java.time.ZoneId;
import java.util.regex.Pattern;

/**
 * A schedule's time zone: an IANA time zone id (Europe/Paris, America/New_York, UTC), so that its
 * runs follow the zone's daylight saving changes. A fixed offset (+02:00, UTC+2, Z) is refused: it
 * would silently drift an hour from the wall clock for half the year; {@code Etc/GMT-2} names one
 * on purpose. Two steps, as for a session's callback URL: the body holds the grammar the API
 * document states ({@link #grammar}), the function asks the zone database ({@link #known}).
 */
final class ScheduleZones {

  static final String DEFAULT = "UTC";

  /** The longest IANA id is about 30 characters. */
  static final int MAX_CHARS = 64;

  private static final Pattern GRAMMAR = Pattern.compile("[A-Za-z0-9_+/-]{1," + MAX_CHARS + "}");

  private ScheduleZones() {}

  /**
   * The zone as given when it has an IANA id's characters and length; null gives {@link #DEFAULT}.
   */
  static String grammar(String zone) {
    if (zone == null) {
      return DEFAULT;
    }
    if (!GRAMMAR.matcher(zone).matches()) {
      throw new InvalidInputException(
          "timezone", "must be 1 to " + MAX_CHARS + " characters of A-Z a-z 0-9 _ + / -");
    }
    return zone;
  }

  /** The zone, when the time zone database knows it by this id. */
  static String known(String zone) {
    if (!ZoneId.getAvailableZoneIds().contains(zone)) {
      throw new InvalidInputException(
          "timezone",
          "must be an IANA time zone id such as Europe/Paris or UTC (not an offset such as +02:00)");
    }
    return zone;
  }
}
