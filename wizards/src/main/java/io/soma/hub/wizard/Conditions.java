package io.soma.hub.wizard;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The catalogue's condition expressions over the answers: {@code <id> == <literal>}, {@code <id> !=
 * <literal>} and {@code <id> contains "<value>"}, with literals {@code true}, {@code false},
 * numbers and quoted strings. Anything else is refused when the catalogue is read, not guessed at.
 */
final class Conditions {

  private static final Pattern EXPRESSION =
      Pattern.compile("\\s*([a-z_][a-z0-9_]*)\\s*(==|!=|\\bcontains\\b)\\s*(.+?)\\s*");

  private Conditions() {}

  static boolean holds(String expression, Map<String, Object> answers) {
    if (expression == null || expression.isBlank()) {
      return true;
    }
    Matcher matcher = EXPRESSION.matcher(expression);
    if (!matcher.matches()) {
      throw new IllegalArgumentException("unsupported condition '" + expression + "'");
    }
    Object answer = answers.get(matcher.group(1));
    Object literal = literal(matcher.group(3));
    return switch (matcher.group(2)) {
      case "==" -> same(answer, literal);
      case "!=" -> !same(answer, literal);
      default ->
          answer instanceof List<?> items && items.stream().anyMatch(item -> same(item, literal));
    };
  }

  private static Object literal(String text) {
    if (text.length() >= 2
        && (text.startsWith("\"") && text.endsWith("\"")
            || text.startsWith("'") && text.endsWith("'"))) {
      return text.substring(1, text.length() - 1);
    }
    if (text.equals("true") || text.equals("false")) {
      return Boolean.valueOf(text);
    }
    try {
      return new java.math.BigDecimal(text);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("unsupported literal '" + text + "' in a condition");
    }
  }

  private static boolean same(Object answer, Object literal) {
    if (answer instanceof Number number && literal instanceof java.math.BigDecimal decimal) {
      return new java.math.BigDecimal(number.toString()).compareTo(decimal) == 0;
    }
    return Objects.equals(answer, literal);
  }
}
