package io.soma.hub.cli;

/**
 * {@code cancel ID}: POST /v1/sessions/{id}/cancel, no body. 202: the cancellation is requested
 * (the session reads CANCELLED shortly after). A session that has already ended is a 409 naming how
 * it ended, a refusal like any other.
 */
final class CancelVerb extends SessionActionVerb {

  CancelVerb() {
    super("cancel");
  }

  @Override
  String requested(String id) {
    return "cancellation of session "
        + id
        + " requested; ./hub session show "
        + id
        + " --wait follows it to its end";
  }
}
