package io.soma.hub.events;

import io.soma.hub.orchestration.events.HubEvent;
import io.soma.hub.orchestration.events.HubEventSources;
import io.soma.hub.orchestration.events.HubEventTypes;
import java.util.List;
import java.util.Map;

/**
 * One event of every type as the hub builds them, with the ids and data the functions and the
 * worker put in. Their JSON is committed under {@code src/test/resources/cloudevents}, where the
 * Flink module's contract test parses it.
 */
final class SampleEvents {

  static final long TIME = 1_795_000_000_250L;
  static final String SESSION = "0b7e1c58-6a51-3c5e-9f2c-5d3a1f0e9b41";
  static final String CAMPAIGN = "camp-5a1f0e9b41c2";

  private SampleEvents() {}

  static List<HubEvent> all() {
    return List.of(
        functions(HubEventTypes.SESSION_ACCEPTED, SESSION, Map.of("session_id", SESSION)),
        functions(
            HubEventTypes.MODERATION_BLOCKED, "blocked-" + SESSION, Map.of("strike_count", "1")),
        worker(
            HubEventTypes.SESSION_COMPLETED,
            SESSION,
            Map.of("session_id", SESSION, "provider", "offline")),
        worker(
            HubEventTypes.SESSION_FAILED,
            SESSION,
            Map.of("session_id", SESSION, "reason", "PolicyDenied")),
        worker(
            HubEventTypes.SESSION_CANCELLED,
            SESSION,
            Map.of("session_id", SESSION, "step", "model_completion")),
        worker(
            HubEventTypes.WIZARD_COMPLETED,
            "wizard-1",
            Map.of("wizard_id", "marketing_campaign_v1")),
        worker(
            HubEventTypes.CAMPAIGN_STARTED,
            CAMPAIGN,
            Map.of("campaign_id", CAMPAIGN, "campaign_name", "Spring \"launch\"")),
        worker(HubEventTypes.CAMPAIGN_APPROVED, CAMPAIGN, Map.of("campaign_id", CAMPAIGN)),
        worker(HubEventTypes.CAMPAIGN_REJECTED, CAMPAIGN, Map.of("campaign_id", CAMPAIGN)),
        worker(HubEventTypes.CAMPAIGN_COMPLETED, CAMPAIGN, Map.of("campaign_id", CAMPAIGN)),
        worker(
            HubEventTypes.MEMORY_REFRESHED,
            "memory-refresh-" + SESSION,
            Map.of("campaign", "spring-launch")));
  }

  private static HubEvent functions(String type, String subject, Map<String, String> data) {
    return HubEvent.of(type, HubEventSources.FUNCTIONS, TIME, subject, "acme", data);
  }

  private static HubEvent worker(String type, String subject, Map<String, String> data) {
    return HubEvent.of(type, HubEventSources.WORKER, TIME, subject, "acme", data);
  }
}
