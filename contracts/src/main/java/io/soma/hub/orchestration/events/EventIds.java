package io.soma.hub.orchestration.events;

/**
 * Event ids derived from what identifies the occurrence, never drawn at random: a retried activity
 * or a repeated request publishes the same id again, and the analytics job counts it once.
 */
public final class EventIds {

  private EventIds() {}

  /** {@code <subject>:<type without io.soma.hub.>}, e.g. {@code 3f2c…:session.completed}. */
  public static String of(String subject, String type) {
    return subject + ":" + HubEventTypes.shortName(type);
  }
}
