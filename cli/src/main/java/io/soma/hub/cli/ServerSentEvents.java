package io.soma.hub.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Reads a {@code text/event-stream} the way the HTML standard's EventSource does: lines end in LF,
 * CR or CRLF; an event is dispatched at a blank line; {@code data} lines are joined with LF; lines
 * starting with a colon are comments (heartbeats); an event without {@code id} keeps the last one
 * seen. Public for the end-to-end tests.
 */
public final class ServerSentEvents implements AutoCloseable {

  /**
   * One dispatched event: the last id seen, its type ({@code message} when it names none), its
   * data.
   */
  public record Event(String id, String type, String data) {}

  private final BufferedReader lines;
  private String lastId;
  private Long retryMillis;

  public ServerSentEvents(InputStream body) {
    // BufferedReader.readLine ends a line at LF, CR or CRLF, as the standard does.
    this.lines = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8));
  }

  /**
   * The next event, or empty at the end of the stream (an event not ended by a blank line is
   * dropped).
   */
  public Optional<Event> next() throws IOException {
    String type = null;
    StringBuilder data = null;
    String line;
    while ((line = lines.readLine()) != null) {
      if (line.isEmpty()) {
        if (data != null) {
          return Optional.of(new Event(lastId, type == null ? "message" : type, data.toString()));
        }
        type = null;
        continue;
      }
      if (line.startsWith(":")) {
        continue;
      }
      int colon = line.indexOf(':');
      String field = colon < 0 ? line : line.substring(0, colon);
      String value = colon < 0 ? "" : line.substring(colon + 1);
      if (value.startsWith(" ")) {
        value = value.substring(1);
      }
      switch (field) {
        case "event" -> type = value;
        case "data" ->
            data = data == null ? new StringBuilder(value) : data.append('\n').append(value);
        case "id" -> {
          if (!value.contains("\0")) {
            lastId = value;
          }
        }
        case "retry" -> {
          if (value.matches("[0-9]{1,9}")) {
            retryMillis = Long.parseLong(value);
          }
        }
        default -> {
          // Unknown fields are ignored.
        }
      }
    }
    return Optional.empty();
  }

  /** The id of the last event read, what a reconnection sends as {@code Last-Event-ID}. */
  public Optional<String> lastId() {
    return Optional.ofNullable(lastId);
  }

  /** The reconnection delay the server asked for, if it did. */
  public Optional<Long> retryMillis() {
    return Optional.ofNullable(retryMillis);
  }

  @Override
  public void close() throws IOException {
    lines.close();
  }
}
