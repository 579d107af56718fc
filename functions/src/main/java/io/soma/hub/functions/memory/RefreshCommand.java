package io.soma.hub.functions.memory;

import io.soma.hub.functions.caller.Caller;
import io.soma.hub.functions.errors.InvalidInputException;

/** Input of the {@code refreshMemory} function: the caller, its optional Idempotency-Key, and the body. */
public record RefreshCommand(Caller caller, String idempotencyKey, RefreshBody body) {

  static final int MAX_IDEMPOTENCY_KEY_CHARS = 255;

  public RefreshCommand {
    if (idempotencyKey != null
        && (idempotencyKey.isBlank()
            || idempotencyKey.length() > MAX_IDEMPOTENCY_KEY_CHARS
            || !idempotencyKey.chars().allMatch(c -> c >= 0x21 && c <= 0x7e))) {
      throw new InvalidInputException(
          "Idempotency-Key", "must be 1 to " + MAX_IDEMPOTENCY_KEY_CHARS + " visible ASCII characters");
    }
  }
}
