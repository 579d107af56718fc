package io.soma.hub.cli;

import java.util.Map;
import java.util.Set;

/**
 * {@code cancel ID}: POST /v1/sessions/{id}/cancel, no body. 202: the cancellation is requested (the session reads
 * CANCELLED shortly after). A session that has already ended is a 409 naming how it ended, a refusal like any other.
 */
final class CancelVerb implements Verb {

  @Override
  public String name() {
    return "cancel";
  }

  @Override
  public Arguments.Spec spec() {
    return Arguments.Spec.of(Set.of(), Set.of());
  }

  @Override
  public int run(Invocation call) {
    String id = call.arguments().single("the session id");
    ApiResponse response =
        call.hub().post("/v1/sessions/" + PathSegments.encode(id) + "/cancel", null, Map.of()).requireSuccess();
    if (call.json()) {
      call.printBody(response);
    } else {
      call.out().println(
          "cancellation of session " + id + " requested; ./hub session show " + id + " --wait follows it to its end");
    }
    return ExitCodes.OK;
  }
}
