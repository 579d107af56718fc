package io.soma.hub.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * {@code start "prompt" [--conversation] [--idempotency-key K] [--metadata k=v ...]}: POST
 * /v1/sessions. Prints the session id alone on stdout, so {@code id=$(./hub session start "...")}
 * works; a moderation warning goes to stderr.
 */
final class StartVerb implements Verb {

  static final String IDEMPOTENCY_KEY = "--idempotency-key";
  static final String METADATA = "--metadata";
  static final String CONVERSATION = "--conversation";

  @Override
  public String name() {
    return "start";
  }

  @Override
  public Arguments.Spec spec() {
    return new Arguments.Spec(Set.of(IDEMPOTENCY_KEY), Set.of(METADATA), Set.of(CONVERSATION));
  }

  @Override
  public int run(Invocation call) {
    Arguments arguments = call.arguments();
    String prompt = arguments.single("the prompt");
    ObjectNode body = ApiResponse.JSON.createObjectNode().put("prompt", prompt);
    if (arguments.flag(CONVERSATION)) {
      body.put("mode", "conversation");
    }
    Map<String, String> metadata = metadata(arguments);
    if (!metadata.isEmpty()) {
      ObjectNode values = body.putObject("metadata");
      metadata.forEach(values::put);
    }
    Map<String, String> headers = new LinkedHashMap<>();
    arguments.value(IDEMPOTENCY_KEY).ifPresent(key -> headers.put("Idempotency-Key", key));

    ApiResponse response =
        call.hub().post("/v1/sessions", body.toString(), headers).requireSuccess();
    if (call.json()) {
      call.printBody(response);
      return ExitCodes.OK;
    }
    JsonNode created = response.json();
    call.out().println(created.path("session_id").asText());
    if (response.status() == 200) {
      call.err()
          .println(
              "session start: the Idempotency-Key names an existing session; nothing new was started");
    }
    String verdict = moderationVerdict(created.path("moderation"));
    if (verdict != null) {
      call.err().println("session start: " + verdict);
    }
    return ExitCodes.OK;
  }

  private static Map<String, String> metadata(Arguments arguments) {
    Map<String, String> metadata = new LinkedHashMap<>();
    for (String pair : arguments.values(METADATA)) {
      int equals = pair.indexOf('=');
      if (equals <= 0) {
        throw CliFailure.usage(METADATA + " takes key=value, got '" + pair + "'");
      }
      String key = pair.substring(0, equals);
      if (metadata.put(key, pair.substring(equals + 1)) != null) {
        throw CliFailure.usage(METADATA + " names the key '" + key + "' twice");
      }
    }
    return metadata;
  }

  /**
   * Null when moderation had nothing to say; else its reasons, strikes and flagged terms in one
   * line.
   */
  static String moderationVerdict(JsonNode moderation) {
    if (!moderation.path("reasons").isArray() || moderation.path("reasons").isEmpty()) {
      return null;
    }
    StringBuilder line = new StringBuilder("moderation: ");
    for (int i = 0; i < moderation.get("reasons").size(); i++) {
      line.append(i == 0 ? "" : "; ").append(moderation.get("reasons").get(i).asText());
    }
    line.append(" (strikes: ").append(moderation.path("strike_count").asInt());
    JsonNode terms = moderation.path("flagged_terms");
    if (terms.isArray() && !terms.isEmpty()) {
      line.append(", flagged:");
      terms.forEach(term -> line.append(' ').append(term.asText()));
    }
    return line.append(')').toString();
  }
}
