package io.soma.hub.wizard;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Every rule an answer must pass before it is recorded, and the normalised value that is recorded.
 * The answer is a JSON value (String, Number, Boolean, List or null). {@code false} and {@code 0}
 * are answers like any other; null skips an optional question and is refused for a required one.
 *
 * <p>Where the catalogue sets no bound, a sane one applies, so no answer is unbounded.
 */
public final class AnswerRules {

  static final int DEFAULT_TEXT_MAX_LENGTH = 500;
  static final int DEFAULT_LONG_TEXT_MAX_LENGTH = 4_000;
  static final int DEFAULT_MAX_ITEMS = 20;
  static final int DEFAULT_MAX_ITEM_LENGTH = 200;

  private static final DateTimeFormatter ISO_DATE =
      DateTimeFormatter.ofPattern("uuuu-MM-dd").withResolverStyle(ResolverStyle.STRICT);

  private AnswerRules() {}

  /**
   * @param today the current day in UTC, for relative date bounds
   * @return the value to record: trimmed text, a list of trimmed segments, a Long or Double, an ISO
   *     date string, a Boolean, a list of option values; null when an optional question is skipped
   * @throws AnswerRejected naming the question and the rule
   */
  public static Object check(Question question, Object value, LocalDate today) {
    if (value == null) {
      if (question.required()) {
        throw reject(
            question,
            "required",
            "an answer is required (only optional questions can be skipped with null)");
      }
      return null;
    }
    return switch (question.type()) {
      case TEXT -> text(question, value, DEFAULT_TEXT_MAX_LENGTH);
      case LONG_TEXT -> text(question, value, DEFAULT_LONG_TEXT_MAX_LENGTH);
      case MULTI_TEXT -> multiText(question, value);
      case SELECT -> select(question, value);
      case MULTI_SELECT -> multiSelect(question, value);
      case DATE -> date(question, value, today);
      case NUMBER -> number(question, value);
      case BOOLEAN -> bool(question, value);
    };
  }

  /**
   * The rules of a question as a client should see them, relative dates resolved against {@code
   * today}.
   */
  public static Map<String, Object> effective(Question question, LocalDate today) {
    Map<String, Object> rules = new LinkedHashMap<>();
    switch (question.type()) {
      case TEXT, LONG_TEXT -> {
        rules.put("min_length", minLength(question));
        rules.put("max_length", maxLength(question));
      }
      case MULTI_TEXT -> {
        rules.put("max_items", intRule(question, "max_items", DEFAULT_MAX_ITEMS));
        rules.put("max_item_length", intRule(question, "max_item_length", DEFAULT_MAX_ITEM_LENGTH));
      }
      case MULTI_SELECT -> rules.put("min_selections", minSelections(question));
      case DATE -> {
        minDate(question, today).ifPresent(date -> rules.put("min_date", date.toString()));
        maxDate(question, today).ifPresent(date -> rules.put("max_date", date.toString()));
      }
      case NUMBER -> {
        bound(question, "min").ifPresent(min -> rules.put("min", plain(min)));
        bound(question, "max").ifPresent(max -> rules.put("max", plain(max)));
      }
      default -> {}
    }
    return rules;
  }

  private static String text(Question question, Object value, int defaultMax) {
    String text = string(question, value, "a string").strip();
    int length = text.codePointCount(0, text.length());
    int min = minLength(question);
    int max = maxLength(question, defaultMax);
    if (question.required() && length == 0) {
      throw reject(question, "required", "must not be blank");
    }
    if (length < min) {
      throw reject(
          question, "min_length", "must be at least " + min + " characters (got " + length + ")");
    }
    if (length > max) {
      throw reject(
          question, "max_length", "must be at most " + max + " characters (got " + length + ")");
    }
    return text;
  }

  /**
   * A comma-separated string or a JSON array of strings, as a list of trimmed, non-empty segments.
   */
  private static List<String> multiText(Question question, Object value) {
    List<String> raw = new ArrayList<>();
    if (value instanceof String text) {
      raw.addAll(List.of(text.split(",", -1)));
    } else if (value instanceof List<?> items) {
      for (Object item : items) {
        if (!(item instanceof String text)) {
          throw reject(question, "type", "must be a comma-separated string or an array of strings");
        }
        raw.add(text);
      }
    } else {
      throw reject(question, "type", "must be a comma-separated string or an array of strings");
    }
    List<String> segments = raw.stream().map(String::strip).filter(s -> !s.isEmpty()).toList();
    int maxItems = intRule(question, "max_items", DEFAULT_MAX_ITEMS);
    int maxItemLength = intRule(question, "max_item_length", DEFAULT_MAX_ITEM_LENGTH);
    if (question.required() && segments.isEmpty()) {
      throw reject(question, "required", "must name at least one segment");
    }
    if (segments.size() > maxItems) {
      throw reject(
          question,
          "max_items",
          "may have at most " + maxItems + " segments (got " + segments.size() + ")");
    }
    for (String segment : segments) {
      if (segment.codePointCount(0, segment.length()) > maxItemLength) {
        throw reject(
            question,
            "max_item_length",
            "segments must be at most " + maxItemLength + " characters each");
      }
    }
    return segments;
  }

  private static String select(Question question, Object value) {
    String choice = string(question, value, "one of the option values");
    if (!question.hasOption(choice)) {
      throw reject(question, "options", "must be one of " + optionValues(question));
    }
    return choice;
  }

  private static List<String> multiSelect(Question question, Object value) {
    if (!(value instanceof List<?> items)) {
      throw reject(question, "type", "must be an array of option values");
    }
    Set<String> choices = new LinkedHashSet<>();
    for (Object item : items) {
      if (!(item instanceof String choice)) {
        throw reject(question, "type", "must be an array of option values (strings)");
      }
      if (!question.hasOption(choice)) {
        throw reject(
            question,
            "options",
            "'" + choice + "' is not an option; choose from " + optionValues(question));
      }
      if (!choices.add(choice)) {
        throw reject(question, "unique", "'" + choice + "' is selected twice");
      }
    }
    int min = minSelections(question);
    if (choices.size() < min) {
      throw reject(
          question, "min_selections", "select at least " + min + " (got " + choices.size() + ")");
    }
    return List.copyOf(choices);
  }

  private static String date(Question question, Object value, LocalDate today) {
    String text = string(question, value, "an ISO date (yyyy-MM-dd)");
    LocalDate date;
    try {
      date = LocalDate.parse(text, ISO_DATE);
    } catch (DateTimeParseException e) {
      throw reject(
          question,
          "date_format",
          "must be an ISO date (yyyy-MM-dd), not '" + abbreviate(text) + "'");
    }
    minDate(question, today)
        .filter(date::isBefore)
        .ifPresent(
            min -> {
              throw reject(
                  question, "min_date", "must be on or after " + min + " (got " + date + ")");
            });
    maxDate(question, today)
        .filter(date::isAfter)
        .ifPresent(
            max -> {
              throw reject(
                  question, "max_date", "must be on or before " + max + " (got " + date + ")");
            });
    return date.toString();
  }

  private static Number number(Question question, Object value) {
    if (!(value instanceof Number number)) {
      throw reject(question, "type", "must be a number");
    }
    if ((number instanceof Double || number instanceof Float)
        && !Double.isFinite(number.doubleValue())) {
      throw reject(question, "type", "must be a finite number");
    }
    BigDecimal decimal = decimal(number);
    bound(question, "min")
        .filter(min -> decimal.compareTo(min) < 0)
        .ifPresent(
            min -> {
              throw reject(question, "min", "must be at least " + plain(min));
            });
    bound(question, "max")
        .filter(max -> decimal.compareTo(max) > 0)
        .ifPresent(
            max -> {
              throw reject(question, "max", "must be at most " + plain(max));
            });
    return plain(decimal);
  }

  private static Boolean bool(Question question, Object value) {
    if (!(value instanceof Boolean flag)) {
      throw reject(question, "type", "must be true or false");
    }
    return flag;
  }

  private static String string(Question question, Object value, String expected) {
    if (!(value instanceof String text)) {
      throw reject(question, "type", "must be " + expected);
    }
    return text;
  }

  private static int minLength(Question question) {
    return intRule(question, "min_length", question.required() ? 1 : 0);
  }

  private static int maxLength(Question question) {
    return maxLength(
        question,
        question.type() == QuestionType.LONG_TEXT
            ? DEFAULT_LONG_TEXT_MAX_LENGTH
            : DEFAULT_TEXT_MAX_LENGTH);
  }

  private static int maxLength(Question question, int defaultMax) {
    return intRule(question, "max_length", defaultMax);
  }

  /**
   * A required multi_select needs at least one selection even when the catalogue sets no minimum.
   */
  private static int minSelections(Question question) {
    int configured = question.minSelections() == null ? 0 : question.minSelections();
    return Math.max(configured, question.required() ? 1 : 0);
  }

  private static java.util.Optional<LocalDate> minDate(Question question, LocalDate today) {
    return dateRule(question, "min_date", today);
  }

  private static java.util.Optional<LocalDate> maxDate(Question question, LocalDate today) {
    return dateRule(question, "max_date", today);
  }

  private static java.util.Optional<LocalDate> dateRule(
      Question question, String rule, LocalDate today) {
    return java.util.Optional.ofNullable(question.validation().get(rule))
        .map(expression -> RelativeDates.resolve(String.valueOf(expression), today));
  }

  private static java.util.Optional<BigDecimal> bound(Question question, String rule) {
    return java.util.Optional.ofNullable(question.validation().get(rule))
        .map(bound -> decimal((Number) bound));
  }

  private static int intRule(Question question, String rule, int fallback) {
    Object configured = question.validation().get(rule);
    return configured instanceof Number number ? number.intValue() : fallback;
  }

  private static BigDecimal decimal(Number number) {
    if (number instanceof BigDecimal decimal) {
      return decimal;
    }
    if (number instanceof Double || number instanceof Float) {
      return BigDecimal.valueOf(number.doubleValue());
    }
    return new BigDecimal(number.toString());
  }

  /** Whole numbers as Long (5000, not 5000.0), others as Double. */
  static Number plain(BigDecimal decimal) {
    BigDecimal stripped = decimal.stripTrailingZeros();
    if (stripped.scale() <= 0
        && stripped.abs().compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) <= 0) {
      return stripped.longValueExact();
    }
    return decimal.doubleValue();
  }

  private static List<String> optionValues(Question question) {
    return question.options().stream().map(Question.Option::value).toList();
  }

  private static String abbreviate(String text) {
    return text.length() <= 40 ? text : text.substring(0, 40) + "...";
  }

  private static AnswerRejected reject(Question question, String rule, String detail) {
    return new AnswerRejected(question.id(), rule, question.id() + " " + detail);
  }
}
