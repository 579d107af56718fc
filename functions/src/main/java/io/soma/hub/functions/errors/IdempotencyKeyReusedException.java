package io.soma.hub.functions.errors;

/**
 * An Idempotency-Key sent again with a different request body. Answered 422, as the IETF
 * Idempotency-Key header draft prescribes for a reused key.
 */
public class IdempotencyKeyReusedException extends RuntimeException {

  public IdempotencyKeyReusedException() {
    super("this Idempotency-Key was already used with a different request body");
  }
}
