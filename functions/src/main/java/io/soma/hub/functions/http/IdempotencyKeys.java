package io.soma.hub.functions.http;

import io.soma.hub.functions.errors.InvalidInputException;

/**
 * The one grammar of the {@code Idempotency-Key} header, for every function that takes it: 1 to 255
 * visible ASCII characters ({@code %x21-7E}), compared byte for byte. Absent is allowed (null: no
 * deduplication).
 */
public final class IdempotencyKeys {

  public static final int MAX_CHARS = 255;

  private IdempotencyKeys() {}

  /** The key as given, or null when absent; a 400 naming the header when it breaks the grammar. */
  public static String check(String key) {
    if (key != null
        && (key.isEmpty()
            || key.length() > MAX_CHARS
            || !key.chars().allMatch(c -> c >= 0x21 && c <= 0x7e))) {
      throw new InvalidInputException(
          "Idempotency-Key", "must be 1 to " + MAX_CHARS + " visible ASCII characters");
    }
    return key;
  }
}
