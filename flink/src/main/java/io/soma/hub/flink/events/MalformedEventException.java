package io.soma.hub.flink.events;

/** A record that is not a hub CloudEvent; the message is the reason written to the dead letter. */
public final class MalformedEventException extends Exception {

  public MalformedEventException(String reason) {
    // No stack trace: malformed input is an expected outcome, counted and routed, never a bug to
    // trace.
    super(reason, null, false, false);
  }
}
