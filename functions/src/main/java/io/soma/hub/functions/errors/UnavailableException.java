package io.soma.hub.functions.errors;

/**
 * The hub cannot serve the request right now (kill switch, orchestrator or store down); retrying
 * later may work.
 */
public class UnavailableException extends RuntimeException {

  public UnavailableException(String detail, Throwable cause) {
    super(detail, cause);
  }

  public UnavailableException(String detail) {
    super(detail);
  }
}
