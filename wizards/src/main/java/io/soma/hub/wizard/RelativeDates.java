package io.soma.hub.wizard;

import java.time.LocalDate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The catalogue's date expressions: {@code today}, {@code +N days|weeks|months|years}, or an ISO
 * date.
 */
final class RelativeDates {

  private static final Pattern OFFSET =
      Pattern.compile("\\+\\s*(\\d{1,4})\\s*(day|week|month|year)s?");

  private RelativeDates() {}

  static LocalDate resolve(String expression, LocalDate today) {
    String trimmed = expression.trim().toLowerCase(java.util.Locale.ROOT);
    if (trimmed.equals("today")) {
      return today;
    }
    Matcher offset = OFFSET.matcher(trimmed);
    if (offset.matches()) {
      int amount = Integer.parseInt(offset.group(1));
      return switch (offset.group(2)) {
        case "day" -> today.plusDays(amount);
        case "week" -> today.plusWeeks(amount);
        case "month" -> today.plusMonths(amount);
        default -> today.plusYears(amount);
      };
    }
    return LocalDate.parse(trimmed);
  }
}
