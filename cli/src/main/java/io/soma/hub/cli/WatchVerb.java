package io.soma.hub.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintStream;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;

/**
 * {@code watch ID}: follows GET /v1/sessions/{id}/events until the session ends, printing the reply
 * as the model streams it (a spinner on stderr until the first piece, when stderr is a terminal). A
 * dropped connection, or a response the hub ended early, is resumed from the last event received
 * ({@code Last-Event-ID}), so nothing is printed twice or missed. {@code -o json}: every event as
 * one JSON line ({@code id}, {@code event}, {@code data}).
 */
final class WatchVerb implements Verb {

  /** Reconnections in a row that received nothing, after which the hub counts as unreachable. */
  static final int MAX_FRUITLESS_RECONNECTIONS = 5;

  static final Duration DEFAULT_RECONNECT_DELAY = Duration.ofSeconds(1);
  private static final Set<String> ENDS = Set.of("completed", "failed", "cancelled");

  @Override
  public String name() {
    return "watch";
  }

  @Override
  public Arguments.Spec spec() {
    return Arguments.Spec.of(Set.of(), Set.of());
  }

  @Override
  public int run(Invocation call) {
    String id = call.arguments().single("the session id");
    String path = "/v1/sessions/" + PathSegments.encode(id) + "/events";
    HubClient hub = call.hub();
    Watch watch = new Watch(call, Spinner.on(call));
    String lastId = null;
    int fruitless = 0;
    long delayMillis = DEFAULT_RECONNECT_DELAY.toMillis();
    try {
      while (true) {
        HubClient.StreamAnswer answer = hub.stream(path, lastId);
        if (answer.events() == null) {
          ApiResponse whole = answer.whole();
          if (whole.status() == 204) {
            return ExitCodes.OK; // the end was received before the last connection dropped
          }
          if (whole.status() != 503 || ++fruitless > MAX_FRUITLESS_RECONNECTIONS) {
            whole.requireSuccess();
            throw new CliFailure(
                ExitCodes.HUB_FAILED,
                "the hub answered " + whole.status() + " to the event stream");
          }
        } else {
          try (ServerSentEvents events = answer.events()) {
            boolean progressed = false;
            Optional<ServerSentEvents.Event> event;
            while ((event = next(events)).isPresent()) {
              progressed = true;
              if (watch.show(event.get())) {
                return ExitCodes.OK;
              }
            }
            lastId = events.lastId().orElse(lastId);
            delayMillis = events.retryMillis().orElse(delayMillis);
            fruitless = progressed ? 0 : fruitless + 1;
          } catch (IOException closing) {
            // The connection is gone either way.
          }
          if (fruitless > MAX_FRUITLESS_RECONNECTIONS) {
            throw new CliFailure(
                ExitCodes.UNREACHABLE,
                "the hub ended the event stream " + fruitless + " times in a row without an event");
          }
        }
        sleep(delayMillis);
      }
    } finally {
      watch.spinner.clear();
    }
  }

  /** The next event, or empty when the stream ended or the connection dropped. */
  private static Optional<ServerSentEvents.Event> next(ServerSentEvents events) {
    try {
      return events.next();
    } catch (IOException dropped) {
      return Optional.empty();
    }
  }

  /** What is printed as the events come. */
  private static final class Watch {

    private final Invocation call;
    private final Spinner spinner;
    private final PrintStream out;
    private boolean midLine;
    private boolean streamedReply;

    Watch(Invocation call, Spinner spinner) {
      this.call = call;
      this.spinner = spinner;
      this.out = call.out();
    }

    /** Prints the event; true when it was the session's end. */
    boolean show(ServerSentEvents.Event event) {
      JsonNode data = json(event.data());
      if (call.json()) {
        ObjectNode line = ApiResponse.JSON.createObjectNode();
        line.put("id", event.id());
        line.put("event", event.type());
        line.set("data", data);
        out.println(line);
        out.flush();
        return ENDS.contains(event.type());
      }
      switch (event.type()) {
        case "accepted", "moderated" ->
            spinner.show("session " + data.path("session_id").asText() + " " + event.type());
        case "model.started" -> {
          endLine();
          int turn = data.path("turn").asInt(1);
          int attempt = data.path("attempt").asInt(1);
          if (attempt > 1) {
            call.err().println("(the model call is retried, attempt " + attempt + ")");
          }
          if (turn > 1) {
            out.println("turn " + turn + ":");
          }
          spinner.show("waiting for the model");
        }
        case "token" -> {
          spinner.clear();
          out.print(data.path("text").asText());
          out.flush();
          midLine = true;
          streamedReply = true;
        }
        case "model.completed" -> endLine();
        case "model.failed" -> {
          endLine();
          call.err().println("the model call failed: " + data.path("reason").asText());
        }
        case "completed" -> {
          spinner.clear();
          endLine();
          if (!streamedReply && data.path("result").has("reply")) {
            out.println(data.path("result").path("reply").asText());
          }
          return true;
        }
        case "failed" -> {
          spinner.clear();
          endLine();
          call.err()
              .println(
                  "session failed: "
                      + data.path("error").path("type").asText()
                      + ": "
                      + data.path("error").path("message").asText());
          return true;
        }
        case "cancelled" -> {
          spinner.clear();
          endLine();
          call.err().println("session cancelled");
          return true;
        }
        default -> {
          // An event this CLI does not know yet (or "unavailable", after which the stream ends and
          // is resumed).
        }
      }
      return false;
    }

    private void endLine() {
      if (midLine) {
        out.println();
        out.flush();
        midLine = false;
      }
    }
  }

  private static JsonNode json(String data) {
    try {
      return ApiResponse.JSON.readTree(data);
    } catch (JsonProcessingException notJson) {
      return ApiResponse.JSON.getNodeFactory().textNode(data);
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException interrupted) {
      Thread.currentThread().interrupt();
      throw new CliFailure(ExitCodes.INTERNAL, "interrupted while waiting to reconnect");
    }
  }
}
