package io.soma.hub.cli;

/**
 * {@code close ID}: POST /v1/sessions/{id}/close; the conversation ends COMPLETED once any reply in
 * flight came.
 */
final class CloseVerb extends SessionActionVerb {

  CloseVerb() {
    super("close");
  }

  @Override
  String requested(String id) {
    return "conversation " + id + " closing; ./hub session show " + id + " --wait shows its end";
  }
}
