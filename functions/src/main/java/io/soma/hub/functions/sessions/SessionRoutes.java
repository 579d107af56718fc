package io.soma.hub.functions.sessions;

import io.soma.hub.functions.caller.Capabilities;
import io.soma.hub.functions.errors.InvalidInputException;
import io.soma.hub.functions.http.GatewayRoute;
import io.soma.hub.functions.http.Reply;
import io.soma.hub.functions.limits.RouteClass;
import java.util.Map;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;

/** The HTTP binding of the session functions. */
@Configuration(proxyBeanMethods = false)
public class SessionRoutes {

  @Bean
  GatewayRoute createSessionRoute() {
    return GatewayRoute.of(
            HttpMethod.POST,
            "/v1/sessions",
            "createSession",
            Capabilities.SESSIONS_WRITE,
            CreateSessionBody.class,
            request ->
                new CreateSessionCommand(
                    request.caller(),
                    request.header("Idempotency-Key").orElse(null),
                    request.body(CreateSessionBody.class)),
            SessionAccepted.class,
            accepted -> {
              String location = "/v1/sessions/" + accepted.sessionId();
              Reply created = Reply.created(accepted, location);
              return accepted.replayed() ? new Reply(200, accepted, created.headers()) : created;
            })
        // Each start is a workflow: a bucket of its own, apart from the tenant's other writes.
        .limitedAs(RouteClass.SESSIONS);
  }

  @Bean
  GatewayRoute listSessionsRoute() {
    return GatewayRoute.of(
            HttpMethod.GET,
            "/v1/sessions",
            "listSessions",
            Capabilities.SESSIONS_READ,
            null,
            request ->
                new SessionListing(
                    request.caller(),
                    request.query("status").map(SessionRoutes::status).orElse(null),
                    request.query("cursor").orElse(null),
                    request
                        .query("limit")
                        .map(SessionRoutes::limit)
                        .orElse(SessionListing.DEFAULT_LIMIT)),
            SessionPage.class,
            Reply::ok)
        .withQuery("status", "cursor", "limit");
  }

  @Bean
  GatewayRoute cancelSessionRoute() {
    return GatewayRoute.of(
        HttpMethod.POST,
        "/v1/sessions/{id}/cancel",
        "cancelSession",
        Capabilities.SESSIONS_WRITE,
        null,
        request -> new SessionLookup(request.caller(), request.pathVariable("id")),
        SessionCancelRequested.class,
        requested ->
            new Reply(202, requested, Map.of("Location", "/v1/sessions/" + requested.sessionId())));
  }

  /**
   * A message to an open conversation: answered with the reply (a Temporal Update), so it may take
   * a while.
   */
  @Bean
  GatewayRoute sendMessageRoute() {
    return GatewayRoute.of(
        HttpMethod.POST,
        "/v1/sessions/{id}/messages",
        "sendMessage",
        Capabilities.SESSIONS_WRITE,
        MessageBody.class,
        request ->
            new SendMessageCommand(
                request.caller(),
                request.pathVariable("id"),
                request.header("Idempotency-Key").orElse(null),
                request.body(MessageBody.class)),
        MessageReply.class,
        Reply::ok);
  }

  @Bean
  GatewayRoute closeSessionRoute() {
    return GatewayRoute.of(
        HttpMethod.POST,
        "/v1/sessions/{id}/close",
        "closeSession",
        Capabilities.SESSIONS_WRITE,
        null,
        request -> new SessionLookup(request.caller(), request.pathVariable("id")),
        SessionCloseRequested.class,
        requested ->
            new Reply(202, requested, Map.of("Location", "/v1/sessions/" + requested.sessionId())));
  }

  /**
   * The session's events as server-sent events, from after {@code Last-Event-ID}; a client that
   * already received the end gets 204, which tells an EventSource to stop reconnecting.
   */
  @Bean
  GatewayRoute sessionEventsRoute() {
    return GatewayRoute.of(
        HttpMethod.GET,
        "/v1/sessions/{id}/events",
        "sessionEvents",
        Capabilities.SESSIONS_READ,
        null,
        request ->
            SessionEventsQuery.of(
                request.caller(),
                request.pathVariable("id"),
                request.header(SessionEventsQuery.LAST_EVENT_ID).orElse(null)),
        SessionFeed.class,
        feed -> feed.ended() ? Reply.noContent() : Reply.events(feed));
  }

  /** A tenant's callback secret: for whoever may start sessions with a callback_url. */
  @Bean
  GatewayRoute callbackSecretRoute() {
    return GatewayRoute.of(
        HttpMethod.GET,
        "/v1/callbacks/secret",
        "callbackSecret",
        Capabilities.SESSIONS_WRITE,
        null,
        request -> new CallbackSecretQuery(request.caller()),
        CallbackSecretView.class,
        Reply::ok);
  }

  private static SessionView.Status status(String text) {
    for (SessionView.Status status : SessionView.Status.values()) {
      if (status.name().equals(text) && status != SessionView.Status.WAITING) {
        return status;
      }
    }
    throw new InvalidInputException(
        "status",
        "must be one of RUNNING, COMPLETED, FAILED, CANCELLED (an open conversation lists as RUNNING)");
  }

  private static int limit(String text) {
    int max = SessionListing.MAX_LIMIT;
    if (!text.matches("[0-9]{1,3}") || Integer.parseInt(text) < 1 || Integer.parseInt(text) > max) {
      throw new InvalidInputException("limit", "must be a whole number from 1 to " + max);
    }
    return Integer.parseInt(text);
  }

  @Bean
  GatewayRoute getSessionRoute() {
    return GatewayRoute.of(
        HttpMethod.GET,
        "/v1/sessions/{id}",
        "getSession",
        Capabilities.SESSIONS_READ,
        null,
        request -> new SessionLookup(request.caller(), request.pathVariable("id")),
        SessionView.class,
        Reply::ok);
  }
}
