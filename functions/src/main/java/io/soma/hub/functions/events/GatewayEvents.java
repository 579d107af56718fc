package io.soma.hub.functions.events;

import io.soma.hub.events.EventPublisher;
import io.soma.hub.orchestration.events.HubEvent;
import io.soma.hub.orchestration.events.HubEventSources;
import io.soma.hub.orchestration.events.HubEventTypes;
import java.time.Clock;
import java.util.Map;

/**
 * The events the gateway publishes itself, after the fact: the answer never waits for the broker,
 * and a publish that fails is logged and counted ({@code hub_events_publish_failures_total}), never
 * an error of the request.
 */
public class GatewayEvents {

  /** A gateway without Kafka. */
  public static final GatewayEvents NONE =
      new GatewayEvents(EventPublisher.NONE, Clock.systemUTC());

  private final EventPublisher publisher;
  private final Clock clock;

  public GatewayEvents(EventPublisher publisher, Clock clock) {
    this.publisher = publisher;
    this.clock = clock;
  }

  /**
   * A session workflow this request started; a replay of an Idempotency-Key started nothing and
   * publishes nothing.
   */
  public void sessionAccepted(String tenant, String sessionId) {
    publish(HubEventTypes.SESSION_ACCEPTED, sessionId, tenant, Map.of("session_id", sessionId));
  }

  /**
   * A prompt blocked by moderation.
   *
   * @param blockedRequest the session id the request would have had: from its Idempotency-Key, so a
   *     retried request repeats the event's id, else drawn for this request alone
   */
  public void moderationBlocked(String tenant, String blockedRequest, int strikeCount) {
    publish(
        HubEventTypes.MODERATION_BLOCKED,
        blockedRequest,
        tenant,
        Map.of("strike_count", Integer.toString(strikeCount)));
  }

  private void publish(String type, String subject, String tenant, Map<String, String> data) {
    publisher.publish(
        HubEvent.of(type, HubEventSources.FUNCTIONS, clock.millis(), subject, tenant, data));
  }
}
