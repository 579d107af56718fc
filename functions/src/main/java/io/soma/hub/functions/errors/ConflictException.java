package io.soma.hub.functions.errors;

/** The request contradicts an earlier one (for example an Idempotency-Key reused with a different body). */
public class ConflictException extends RuntimeException {

  public ConflictException(String detail) {
    super(detail);
  }
}
