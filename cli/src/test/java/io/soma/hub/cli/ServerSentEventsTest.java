package io.soma.hub.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ServerSentEventsTest {

  private static List<ServerSentEvents.Event> read(String stream, ServerSentEvents[] reader)
      throws IOException {
    ServerSentEvents events =
        new ServerSentEvents(new ByteArrayInputStream(stream.getBytes(StandardCharsets.UTF_8)));
    reader[0] = events;
    List<ServerSentEvents.Event> all = new ArrayList<>();
    Optional<ServerSentEvents.Event> next;
    while ((next = events.next()).isPresent()) {
      all.add(next.get());
    }
    return all;
  }

  @Test
  void readsEventsAsEventSourceDoes() throws IOException {
    ServerSentEvents[] reader = new ServerSentEvents[1];
    List<ServerSentEvents.Event> events =
        read(
            "retry: 1000\n\n: keep-alive\n\nid: 1\nevent: accepted\ndata: {\"a\":1}\n\n"
                + "data:first\r\ndata: second\r\n\r\n"
                + "id: 3\revent: token\rdata: {\"text\":\"\u00e9t\u00e9 \"}\r\r"
                + "id: 4\nevent: cut\ndata: never dispatched",
            reader);

    assertThat(events)
        .containsExactly(
            new ServerSentEvents.Event("1", "accepted", "{\"a\":1}"),
            new ServerSentEvents.Event("1", "message", "first\nsecond"),
            new ServerSentEvents.Event("3", "token", "{\"text\":\"\u00e9t\u00e9 \"}"));
    assertThat(reader[0].retryMillis()).contains(1000L);
    assertThat(reader[0].lastId())
        .as("the id of an event cut off still counts, as in EventSource")
        .contains("4");
  }

  @Test
  void anEventWithoutDataIsNotDispatchedAndUnknownFieldsAreIgnored() throws IOException {
    ServerSentEvents[] reader = new ServerSentEvents[1];
    List<ServerSentEvents.Event> events =
        read("event: nothing\n\nfoo: bar\ndata\n\nretry: soon\n\n", reader);

    assertThat(events).containsExactly(new ServerSentEvents.Event(null, "message", ""));
    assertThat(reader[0].retryMillis()).isEmpty();
  }
}
