package io.soma.hub.orchestration.events;

/** The CloudEvents {@code type} of every event the hub publishes. */
public final class HubEventTypes {

  private static final String PREFIX = "io.soma.hub.";

  public static final String SESSION_ACCEPTED = PREFIX + "session.accepted";
  public static final String SESSION_COMPLETED = PREFIX + "session.completed";
  public static final String SESSION_FAILED = PREFIX + "session.failed";
  public static final String SESSION_CANCELLED = PREFIX + "session.cancelled";
  public static final String MODERATION_BLOCKED = PREFIX + "moderation.blocked";
  public static final String WIZARD_COMPLETED = PREFIX + "wizard.completed";
  public static final String CAMPAIGN_STARTED = PREFIX + "campaign.started";
  public static final String CAMPAIGN_APPROVED = PREFIX + "campaign.approved";
  public static final String CAMPAIGN_REJECTED = PREFIX + "campaign.rejected";
  public static final String CAMPAIGN_COMPLETED = PREFIX + "campaign.completed";
  public static final String MEMORY_REFRESHED = PREFIX + "memory.refreshed";

  private HubEventTypes() {}

  /** The type without the common prefix: {@code session.completed}. */
  public static String shortName(String type) {
    return type.startsWith(PREFIX) ? type.substring(PREFIX.length()) : type;
  }
}
