package io.soma.hub.functions.http;

import java.util.List;

/**
 * What a function answers when its output is a stream of events rather than one body: the edge
 * polls it and sends what it returns as server-sent events ({@link EventStreams}) until it has
 * ended. Polled by one thread at a time.
 */
public interface EventStream {

  /** An event: its id (what a client resumes after), its name and its data as JSON on one line. */
  record Event(String id, String name, String json) {}

  /**
   * The events ready since the last poll, maybe none; may block briefly (a store or orchestrator
   * read).
   */
  List<Event> poll();

  /** Whether the stream has sent its last event: the edge then ends the response. */
  boolean ended();
}
