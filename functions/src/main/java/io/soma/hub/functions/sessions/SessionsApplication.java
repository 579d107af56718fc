package io.soma.hub.functions.sessions;

import io.soma.hub.functions.FunctionApplications;
import io.soma.hub.functions.FunctionEdge;
import io.soma.hub.functions.events.EventsConfiguration;
import io.soma.hub.functions.moderation.ModerationConfiguration;
import io.soma.hub.functions.temporal.TemporalClientConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Import;

/**
 * The application of a session function's instance (create, get, list, cancel, and the callbacks'
 * secret): the edge, moderation, events, the Temporal client and the session functions.
 */
@EnableAutoConfiguration
@Import({
  FunctionEdge.class,
  EventsConfiguration.class,
  ModerationConfiguration.class,
  TemporalClientConfiguration.class,
  SessionFunctions.class,
  SessionRoutes.class
})
public class SessionsApplication {

  public static void main(String[] args) {
    FunctionApplications.run(SessionsApplication.class, args);
  }
}
