package io.soma.hub.functions.sessions;

import io.soma.hub.functions.caller.Caller;
import io.soma.hub.functions.http.IdempotencyKeys;

/**
 * Input of the {@code createSession} function: the caller, its optional Idempotency-Key, and the
 * body.
 */
public record CreateSessionCommand(Caller caller, String idempotencyKey, CreateSessionBody body) {

  public CreateSessionCommand {
    IdempotencyKeys.check(idempotencyKey);
  }
}
