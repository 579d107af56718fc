package io.soma.hub.functions.errors;

/** The request is valid but the resource is not in a state that allows it (answered 409). */
public class ConflictException extends RuntimeException {

  public ConflictException(String detail) {
    super(detail);
  }
}
