package io.soma.hub.functions.http;

import io.soma.hub.functions.errors.InvalidInputException;
import java.util.Map;

/**
 * The {@code metadata} field that sessions, wizards and memory entries take: a map of strings, at
 * most 32 keys of 1..64 characters, values of at most 1024.
 */
public final class StringMetadata {

  public static final int MAX_KEYS = 32;
  public static final int MAX_KEY_CHARS = 64;
  public static final int MAX_VALUE_CHARS = 1_024;

  private StringMetadata() {}

  /**
   * The metadata as an immutable map (empty when absent); a rule it breaks is a 400 naming the
   * field.
   */
  public static Map<String, String> check(Map<String, String> metadata) {
    if (metadata == null) {
      return Map.of();
    }
    if (metadata.size() > MAX_KEYS) {
      throw new InvalidInputException(
          "metadata", "may have at most " + MAX_KEYS + " keys (got " + metadata.size() + ")");
    }
    metadata.forEach(StringMetadata::checkEntry);
    return Map.copyOf(metadata);
  }

  private static void checkEntry(String key, String value) {
    if (key.isEmpty() || Characters.count(key) > MAX_KEY_CHARS) {
      throw new InvalidInputException(
          "metadata", "keys must be 1 to " + MAX_KEY_CHARS + " characters");
    }
    if (value == null) {
      throw new InvalidInputException("metadata." + key, "must be a string, not null");
    }
    if (Characters.count(value) > MAX_VALUE_CHARS) {
      throw new InvalidInputException(
          "metadata." + key, "must be at most " + MAX_VALUE_CHARS + " characters");
    }
  }
}
