package io.soma.hub.functions.errors;

/** The thing asked for does not exist for this caller (also when it belongs to another tenant). */
public class NotFoundException extends RuntimeException {

  public NotFoundException(String detail) {
    super(detail);
  }
}
