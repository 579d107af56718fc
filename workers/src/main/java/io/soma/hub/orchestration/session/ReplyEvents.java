package io.soma.hub.orchestration.session;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.soma.hub.orchestration.model.ModelReply;
import io.soma.hub.store.SessionEvents;
import io.soma.hub.store.SessionEvents.NewEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * The events of one model call of a session, as {@code GET /v1/sessions/{id}/events} streams them:
 * {@code model.started}, a {@code token} per piece of the reply as the provider produces it, then
 * {@code model.completed} or {@code model.failed}. Pieces arrive on the provider's threads and are
 * only buffered there; the activity's own thread writes them ({@link #flush}) while it waits, so a
 * session's events have one writer. {@code model.started} waits for the first write too: a provider
 * that answers at once (the offline one) costs one insert in all.
 */
final class ReplyEvents implements Consumer<String> {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final SessionEvents events;
  private final String tenant;
  private final String sessionId;
  private final int turn;
  private final List<NewEvent> pending = new ArrayList<>();

  /**
   * The number the next written event gets, once known from a write (0: read it from the store).
   */
  private int next;

  private ReplyEvents(SessionEvents events, String tenant, String sessionId, int turn) {
    this.events = events;
    this.tenant = tenant;
    this.sessionId = sessionId;
    this.turn = turn;
  }

  /** The model call of this turn (1 for a one-shot session) starts, at this attempt. */
  static ReplyEvents started(
      SessionEvents events, String tenant, String sessionId, int turn, int attempt) {
    ReplyEvents reply = new ReplyEvents(events, tenant, sessionId, turn);
    ObjectNode data = reply.turnData();
    data.put("attempt", attempt);
    reply.pending.add(new NewEvent("model.started", data.toString()));
    return reply;
  }

  @Override
  public void accept(String piece) {
    ObjectNode data = JSON.createObjectNode();
    data.put("text", piece);
    synchronized (pending) {
      pending.add(new NewEvent("token", data.toString()));
    }
  }

  /** Writes the pieces received so far. */
  void flush() {
    List<NewEvent> ready;
    synchronized (pending) {
      if (pending.isEmpty()) {
        return;
      }
      ready = List.copyOf(pending);
      pending.clear();
    }
    write(ready);
  }

  /** Writes the last pieces and the call's end. */
  void completed(ModelReply reply) {
    ObjectNode data = turnData();
    data.put("model", reply.model());
    data.put("provider", reply.provider());
    end(new NewEvent("model.completed", data.toString()));
  }

  /**
   * Writes the pieces received and that this attempt failed (a retry starts again with {@code
   * model.started}).
   */
  void failed(RuntimeException failure) {
    ObjectNode data = turnData();
    data.put("reason", String.valueOf(failure.getMessage()));
    end(new NewEvent("model.failed", data.toString()));
  }

  private void end(NewEvent last) {
    List<NewEvent> ready;
    synchronized (pending) {
      ready = new ArrayList<>(pending);
      pending.clear();
    }
    ready.add(last);
    write(ready);
  }

  private void write(List<NewEvent> ready) {
    next = events.append(tenant, sessionId, ready, next) + 1;
  }

  private ObjectNode turnData() {
    ObjectNode data = JSON.createObjectNode();
    data.put("turn", turn);
    return data;
  }
}
