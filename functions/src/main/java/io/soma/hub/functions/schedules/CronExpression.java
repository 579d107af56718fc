package io.soma.hub.functions.schedules;

import io.soma.hub.functions.errors.InvalidInputException;
import java.util.BitSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A schedule's cron expression, strictly: five fields (minute, hour, day of month, month, day of
 * week) separated by single spaces, each a list of {@code *}, {@code *}/step, a number, or a range
 * low-high with an optional /step, in numbers only (no month or day names, no {@code ?}, {@code L},
 * {@code W}, {@code #}, no macros such as {@code @hourly} or {@code @reboot}, no seconds or year
 * field). Day of week is 0 (Sunday) to 6. An expression that fires more often than every {@link
 * #MIN_INTERVAL_MINUTES} minutes, or never, is refused. Every rule broken is a 400 naming the field
 * {@code cron}.
 *
 * <p>Temporal parses the text itself; what passes here is a subset of what it reads, with the same
 * meaning (a day of month and a day of week both restricted fire on either, as in Vixie cron).
 */
public final class CronExpression {

  /** Longer than any sensible expression; a longer one is refused before it is parsed. */
  public static final int MAX_CHARS = 100;

  /** The shortest time allowed between two runs of one schedule. */
  public static final int MIN_INTERVAL_MINUTES = 5;

  /** The longest day of each month, February's in a leap year. */
  private static final int[] MONTH_DAYS = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};

  private static final Pattern ELEMENT =
      Pattern.compile("(\\*|([0-9]{1,2})(?:-([0-9]{1,2}))?)(?:/([0-9]{1,2}))?");

  private enum Field {
    MINUTE("minute", 0, 59),
    HOUR("hour", 0, 23),
    DAY_OF_MONTH("day of month", 1, 31),
    MONTH("month", 1, 12),
    DAY_OF_WEEK("day of week", 0, 6);

    final String label;
    final int min;
    final int max;

    Field(String label, int min, int max) {
      this.label = label;
      this.min = min;
      this.max = max;
    }
  }

  private final String text;
  private final BitSet[] values = new BitSet[Field.values().length];
  private final boolean[] restricted = new boolean[Field.values().length];

  private CronExpression(String text) {
    this.text = text;
  }

  public static CronExpression parse(String text) {
    if (text.length() > MAX_CHARS) {
      throw invalid("must be at most " + MAX_CHARS + " characters");
    }
    if (text.startsWith("@")) {
      throw invalid("macros such as @hourly or @reboot are not accepted: write the five fields");
    }
    if (!text.matches("[0-9*/,\\- ]+")) {
      throw invalid("may hold only digits, * / , - and single spaces (no names, ?, L, W or #)");
    }
    String[] fields = text.split(" ", -1);
    if (fields.length != Field.values().length) {
      throw invalid(
          "must have exactly five fields separated by single spaces (minute hour day-of-month month"
              + " day-of-week), not "
              + fields.length);
    }
    CronExpression cron = new CronExpression(text);
    for (Field field : Field.values()) {
      cron.values[field.ordinal()] = values(field, fields[field.ordinal()]);
      cron.restricted[field.ordinal()] = !fields[field.ordinal()].equals("*");
    }
    if (!cron.firesOnSomeDay()) {
      throw invalid("never fires: no month in it has such a day");
    }
    int interval = cron.shortestIntervalMinutes();
    if (interval < MIN_INTERVAL_MINUTES) {
      throw invalid(
          "fires every "
              + interval
              + " minute"
              + (interval == 1 ? "" : "s")
              + " at times; at most every "
              + MIN_INTERVAL_MINUTES
              + " minutes is allowed");
    }
    return cron;
  }

  /** The expression as given, which is also what Temporal is given. */
  public String text() {
    return text;
  }

  /**
   * The shortest time between two runs, in minutes, as if every day were a day it fires on: within
   * an hour, between its minutes; across hours, from the last minute of one hour it fires in to the
   * first of the next.
   */
  int shortestIntervalMinutes() {
    BitSet minutes = values[Field.MINUTE.ordinal()];
    BitSet hours = values[Field.HOUR.ordinal()];
    int first = minutes.nextSetBit(0);
    int last = minutes.previousSetBit(Field.MINUTE.max);
    int shortest = Integer.MAX_VALUE;
    for (int m = first, next = minutes.nextSetBit(m + 1);
        next >= 0;
        m = next, next = minutes.nextSetBit(next + 1)) {
      shortest = Math.min(shortest, next - m);
    }
    for (int h = hours.nextSetBit(0); h >= 0; h = hours.nextSetBit(h + 1)) {
      int next = hours.nextSetBit(h + 1);
      int hoursApart = next >= 0 ? next - h : 24 - h + hours.nextSetBit(0);
      shortest = Math.min(shortest, hoursApart * 60 + first - last);
    }
    return shortest;
  }

  /**
   * Whether some month it names has one of the days of month it names (a day of week restricted
   * always fires).
   */
  private boolean firesOnSomeDay() {
    if (!restricted[Field.DAY_OF_MONTH.ordinal()] || restricted[Field.DAY_OF_WEEK.ordinal()]) {
      return true;
    }
    int firstDay = values[Field.DAY_OF_MONTH.ordinal()].nextSetBit(0);
    BitSet months = values[Field.MONTH.ordinal()];
    for (int month = months.nextSetBit(0); month >= 0; month = months.nextSetBit(month + 1)) {
      if (firstDay <= MONTH_DAYS[month - 1]) {
        return true;
      }
    }
    return false;
  }

  private static BitSet values(Field field, String text) {
    BitSet values = new BitSet(field.max + 1);
    for (String element : text.split(",", -1)) {
      Matcher matcher = ELEMENT.matcher(element);
      if (!matcher.matches()) {
        throw invalid(
            "the "
                + field.label
                + " field has an element that is not *, */step, a number or low-high"
                + " with an optional /step");
      }
      int low = field.min;
      int high = field.max;
      if (matcher.group(2) != null) {
        low = number(field, matcher.group(2));
        high = matcher.group(3) == null ? low : number(field, matcher.group(3));
        if (low > high) {
          throw invalid("the " + field.label + " field has a range from high to low");
        }
        if (matcher.group(4) != null && matcher.group(3) == null) {
          throw invalid(
              "the " + field.label + " field has number/step: write low-high/step or */step");
        }
      }
      int step = 1;
      if (matcher.group(4) != null) {
        step = Integer.parseInt(matcher.group(4));
        if (step < 1 || step > field.max) {
          throw invalid("the " + field.label + " field has a step outside 1 to " + field.max);
        }
      }
      for (int value = low; value <= high; value += step) {
        values.set(value);
      }
    }
    return values;
  }

  private static int number(Field field, String digits) {
    int value = Integer.parseInt(digits);
    if (value < field.min || value > field.max) {
      throw invalid(
          "the "
              + field.label
              + " field must be within "
              + field.min
              + " to "
              + field.max
              + (field == Field.DAY_OF_WEEK ? " (0 is Sunday)" : ""));
    }
    return value;
  }

  private static InvalidInputException invalid(String rule) {
    return new InvalidInputException("cron", rule);
  }
}
