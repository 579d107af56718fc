package io.soma.hub.functions.sessions;

import io.soma.hub.functions.caller.Capabilities;
import io.soma.hub.functions.http.GatewayRoute;
import io.soma.hub.functions.http.Reply;
import io.soma.hub.functions.limits.RouteClass;
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
                request.caller(), request.header("Idempotency-Key").orElse(null), request.body(CreateSessionBody.class)),
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
