package io.soma.hub.functions.memory;

import io.soma.hub.functions.caller.Caller;
import io.soma.hub.functions.http.IdempotencyKeys;

/**
 * Input of the {@code refreshMemory} function: the caller, its optional Idempotency-Key, and the
 * body.
 */
public record RefreshCommand(Caller caller, String idempotencyKey, RefreshBody body) {

  public RefreshCommand {
    IdempotencyKeys.check(idempotencyKey);
  }
}
