package io.soma.hub.functions.http;

/**
 * How the API counts the characters of a string: Unicode code points, as JSON Schema's {@code
 * maxLength} does (and as a person does), not the UTF-16 units of {@link String#length()}, which
 * count an emoji twice.
 */
public final class Characters {

  private Characters() {}

  public static int count(String text) {
    return text.codePointCount(0, text.length());
  }

  /**
   * 1 to {@code max} characters, at least one of them not white space ({@link String#isBlank()}).
   */
  public static boolean nonBlankWithin(String text, int max) {
    return !text.isBlank() && count(text) <= max;
  }
}
