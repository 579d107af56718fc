package io.soma.hub.functions.sessions;

import io.soma.hub.functions.caller.Caller;
import io.soma.hub.functions.http.IdempotencyKeys;

/**
 * Input of {@code sendMessage}: who, to which session, the optional Idempotency-Key, and the
 * message.
 */
public record SendMessageCommand(
    Caller caller, String sessionId, String idempotencyKey, MessageBody body) {

  public SendMessageCommand {
    IdempotencyKeys.check(idempotencyKey);
  }
}
