package io.soma.hub.functions.memory;

import io.soma.hub.functions.errors.InvalidInputException;
import io.soma.hub.store.memory.MemoryKeys;

/** The rule of a memory key, the same in a body and in a path. */
final class KeyRules {

  private KeyRules() {}

  static String check(String key) {
    if (key == null) {
      throw new InvalidInputException("key", "is required");
    }
    if (!MemoryKeys.valid(key)) {
      throw new InvalidInputException(
          "key",
          "must be 1 to " + MemoryKeys.MAX_KEY_CHARS + " characters of " + MemoryKeys.ALLOWED);
    }
    return key;
  }
}
