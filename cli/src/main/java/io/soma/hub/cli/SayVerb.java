package io.soma.hub.cli;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code say ID "message" [--idempotency-key K]}: POST /v1/sessions/{id}/messages to an open
 * conversation. Prints the reply once the model has answered, a spinner on stderr meanwhile when
 * stderr is a terminal.
 */
final class SayVerb implements Verb {

  @Override
  public String name() {
    return "say";
  }

  @Override
  public Arguments.Spec spec() {
    return Arguments.Spec.of(Set.of(StartVerb.IDEMPOTENCY_KEY), Set.of());
  }

  @Override
  public int run(Invocation call) {
    List<String> words = call.arguments().positionals();
    if (words.size() != 2) {
      throw CliFailure.usage(
          "expected the session id and the message (quote it), got " + words.size() + " words");
    }
    String id = words.get(0);
    String body = ApiResponse.JSON.createObjectNode().put("content", words.get(1)).toString();
    Map<String, String> headers = new LinkedHashMap<>();
    call.arguments()
        .value(StartVerb.IDEMPOTENCY_KEY)
        .ifPresent(key -> headers.put("Idempotency-Key", key));
    ApiResponse response =
        call.hub()
            .post("/v1/sessions/" + PathSegments.encode(id) + "/messages", body, headers)
            .requireSuccess();
    if (call.json()) {
      call.printBody(response);
    } else {
      call.out().println(response.json().path("reply").asText());
    }
    return ExitCodes.OK;
  }
}
