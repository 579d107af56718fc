package io.soma.hub.functions.schedules;

import io.soma.hub.functions.FunctionApplications;
import io.soma.hub.functions.FunctionEdge;
import io.soma.hub.functions.moderation.ModerationConfiguration;
import io.soma.hub.functions.temporal.TemporalClientConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Import;

/**
 * The application of a schedule function's instance (create, list, get, pause, unpause, delete):
 * the edge, moderation (a schedule's prompt is moderated once, at create), the Temporal client and
 * the schedule functions.
 */
@EnableAutoConfiguration
@Import({
  FunctionEdge.class,
  ModerationConfiguration.class,
  TemporalClientConfiguration.class,
  ScheduleFunctions.class,
  ScheduleRoutes.class
})
public class SchedulesApplication {

  public static void main(String[] args) {
    FunctionApplications.run(SchedulesApplication.class, args);
  }
}
