package io.soma.hub.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintStream;
import java.time.Duration;
import java.util.Set;

/**
 * {@code show ID [--wait]}: GET /v1/sessions/{id}; the status, the steps, the reply or the error.
 * {@code --wait} asks again every {@link #POLL} until the session has ended (the API has no long
 * poll; the stream comes with watch).
 */
final class ShowVerb implements Verb {

  static final String WAIT = "--wait";
  static final Duration POLL = Duration.ofMillis(500);
  private static final Set<String> ENDED = Set.of("COMPLETED", "FAILED", "CANCELLED");

  @Override
  public String name() {
    return "show";
  }

  @Override
  public Arguments.Spec spec() {
    return Arguments.Spec.of(Set.of(), Set.of(WAIT));
  }

  @Override
  public int run(Invocation call) {
    String id = call.arguments().single("the session id");
    String path = "/v1/sessions/" + PathSegments.encode(id);
    HubClient hub = call.hub();
    ApiResponse response = hub.get(path).requireSuccess();
    if (call.arguments().flag(WAIT)) {
      Spinner spinner = Spinner.on(call);
      try {
        while (!ENDED.contains(response.json().path("status").asText())) {
          spinner.show("session " + id + " " + progress(response.json()));
          sleep();
          response = hub.get(path).requireSuccess();
        }
      } finally {
        spinner.clear();
      }
    }
    if (call.json()) {
      call.printBody(response);
    } else {
      print(response.json(), call.out());
    }
    return ExitCodes.OK;
  }

  /** E.g. {@code RUNNING (model_completion)}: the status and the step in flight. */
  private static String progress(JsonNode session) {
    for (JsonNode step : session.path("steps")) {
      if ("RUNNING".equals(step.path("status").asText())) {
        return session.path("status").asText() + " (" + step.path("name").asText() + ")";
      }
    }
    return session.path("status").asText();
  }

  static void print(JsonNode session, PrintStream out) {
    out.println(
        "session " + session.path("session_id").asText() + ": " + session.path("status").asText());
    Table steps = new Table("  STEP", "STATUS");
    session
        .path("steps")
        .forEach(
            step -> steps.row("  " + step.path("name").asText(), step.path("status").asText()));
    if (!session.path("steps").isEmpty()) {
      steps.print(out);
    }
    // A conversation's turns, each message and its reply; the last reply is also the result once it
    // has ended.
    for (JsonNode turn : session.path("transcript")) {
      out.println("turn " + turn.path("turn").asInt() + " > " + turn.path("content").asText());
      out.println(turn.path("reply").asText());
    }
    JsonNode error = session.get("error");
    if (error != null && !error.isNull()) {
      out.println("error: " + error.path("type").asText() + ": " + error.path("message").asText());
    }
    JsonNode result = session.get("result");
    if (result != null && result.isObject()) {
      out.println(
          "reply ("
              + result.path("provider").asText()
              + ", "
              + result.path("model").asText()
              + "):");
      out.println(result.path("reply").asText());
    }
  }

  private static void sleep() {
    try {
      Thread.sleep(POLL.toMillis());
    } catch (InterruptedException interrupted) {
      Thread.currentThread().interrupt();
      throw new CliFailure(ExitCodes.INTERNAL, "interrupted while waiting for the session to end");
    }
  }
}
