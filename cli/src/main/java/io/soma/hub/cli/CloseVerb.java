package io.soma.hub.cli;

import java.util.Map;
import java.util.Set;

/** {@code close ID}: POST /v1/sessions/{id}/close; the conversation ends COMPLETED once any reply in flight came. */
final class CloseVerb implements Verb {

  @Override
  public String name() {
    return "close";
  }

  @Override
  public Arguments.Spec spec() {
    return Arguments.Spec.of(Set.of(), Set.of());
  }

  @Override
  public int run(Invocation call) {
    String id = call.arguments().single("the session id");
    ApiResponse response =
        call.hub().post("/v1/sessions/" + PathSegments.encode(id) + "/close", null, Map.of()).requireSuccess();
    if (call.json()) {
      call.printBody(response);
    } else {
      call.out().println("conversation " + id + " closing; ./hub session show " + id + " --wait shows its end");
    }
    return ExitCodes.OK;
  }
}
