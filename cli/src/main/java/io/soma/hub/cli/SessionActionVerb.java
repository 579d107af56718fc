package io.soma.hub.cli;

import java.util.Map;
import java.util.Set;

/**
 * A verb that POSTs, without a body, to one action of a session ({@code /v1/sessions/{id}/ACTION})
 * and says in one line what was requested: cancel and close. A refusal (e.g. 409 for an ended
 * session) fails like any other.
 */
abstract class SessionActionVerb implements Verb {

  private final String action;

  SessionActionVerb(String action) {
    this.action = action;
  }

  @Override
  public String name() {
    return action;
  }

  @Override
  public Arguments.Spec spec() {
    return Arguments.Spec.of(Set.of(), Set.of());
  }

  /** The line printed once the hub has the request. */
  abstract String requested(String id);

  @Override
  public int run(Invocation call) {
    String id = call.arguments().single("the session id");
    ApiResponse response =
        call.hub()
            .post("/v1/sessions/" + PathSegments.encode(id) + "/" + action, null, Map.of())
            .requireSuccess();
    if (call.json()) {
      call.printBody(response);
    } else {
      call.out().println(requested(id));
    }
    return ExitCodes.OK;
  }
}
