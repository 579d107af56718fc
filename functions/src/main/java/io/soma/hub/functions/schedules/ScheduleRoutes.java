package io.soma.hub.functions.schedules;

import io.soma.hub.functions.caller.Capabilities;
import io.soma.hub.functions.http.GatewayRoute;
import io.soma.hub.functions.http.Reply;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;

/** The HTTP binding of the schedule functions. */
@Configuration(proxyBeanMethods = false)
public class ScheduleRoutes {

  @Bean
  GatewayRoute createScheduleRoute() {
    return GatewayRoute.of(
        HttpMethod.POST,
        "/v1/schedules",
        "createSchedule",
        Capabilities.SCHEDULES_WRITE,
        CreateScheduleBody.class,
        request ->
            new CreateScheduleCommand(
                request.caller(),
                request.header("Idempotency-Key").orElse(null),
                request.body(CreateScheduleBody.class)),
        ScheduleCreated.class,
        created -> {
          Reply reply = Reply.created(created, "/v1/schedules/" + created.scheduleId());
          return created.replayed() ? new Reply(200, created, reply.headers()) : reply;
        });
  }

  @Bean
  GatewayRoute listSchedulesRoute() {
    return GatewayRoute.of(
        HttpMethod.GET,
        "/v1/schedules",
        "listSchedules",
        Capabilities.SCHEDULES_READ,
        null,
        request -> new ScheduleListing(request.caller()),
        SchedulePage.class,
        Reply::ok);
  }

  @Bean
  GatewayRoute getScheduleRoute() {
    return GatewayRoute.of(
        HttpMethod.GET,
        "/v1/schedules/{id}",
        "getSchedule",
        Capabilities.SCHEDULES_READ,
        null,
        request -> new ScheduleLookup(request.caller(), request.pathVariable("id")),
        ScheduleView.class,
        Reply::ok);
  }

  @Bean
  GatewayRoute pauseScheduleRoute() {
    return GatewayRoute.of(
        HttpMethod.POST,
        "/v1/schedules/{id}/pause",
        "pauseSchedule",
        Capabilities.SCHEDULES_WRITE,
        null,
        request -> new ScheduleLookup(request.caller(), request.pathVariable("id")),
        ScheduleState.class,
        Reply::ok);
  }

  @Bean
  GatewayRoute unpauseScheduleRoute() {
    return GatewayRoute.of(
        HttpMethod.POST,
        "/v1/schedules/{id}/unpause",
        "unpauseSchedule",
        Capabilities.SCHEDULES_WRITE,
        null,
        request -> new ScheduleLookup(request.caller(), request.pathVariable("id")),
        ScheduleState.class,
        Reply::ok);
  }

  @Bean
  GatewayRoute deleteScheduleRoute() {
    return GatewayRoute.of(
        HttpMethod.DELETE,
        "/v1/schedules/{id}",
        "deleteSchedule",
        Capabilities.SCHEDULES_WRITE,
        null,
        request -> new ScheduleLookup(request.caller(), request.pathVariable("id")),
        ScheduleDeleted.class,
        deleted -> Reply.noContent());
  }
}
