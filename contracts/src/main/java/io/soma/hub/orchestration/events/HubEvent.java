package io.soma.hub.orchestration.events;

import java.util.Map;
import java.util.TreeMap;

/**
 * One occurrence the hub reports on {@code soma.events}: the attributes of a CloudEvents 1.0 event.
 * It carries ids and counts only, never a prompt, a reply or a credential. {@code data} holds what
 * goes beside the tenant in the event's {@code data}; it is sorted so that the same event always
 * serialises the same way.
 *
 * @param id stable for the occurrence (see {@link EventIds}), so a retried publish repeats it
 * @param time RFC 3339 in UTC with milliseconds (see {@link EventTimes})
 * @param subject the session, campaign, wizard or workflow the event is about
 */
public record HubEvent(
    String id,
    String source,
    String type,
    String time,
    String subject,
    String tenant,
    Map<String, String> data) {

  public HubEvent {
    data = data == null ? new TreeMap<>() : new TreeMap<>(data);
  }

  /** An event whose id derives from its subject and type: for what happens once per subject. */
  public static HubEvent of(
      String type,
      String source,
      long epochMillis,
      String subject,
      String tenant,
      Map<String, String> data) {
    return new HubEvent(
        EventIds.of(subject, type),
        source,
        type,
        EventTimes.format(epochMillis),
        subject,
        tenant,
        data);
  }
}
