package io.soma.hub.functions.schedules;

import io.soma.hub.functions.moderation.ModerationGuard;
import io.soma.hub.store.ScheduleSeats;
import io.temporal.client.WorkflowClient;
import io.temporal.client.schedules.ScheduleClient;
import io.temporal.client.schedules.ScheduleClientOptions;
import java.time.Clock;
import java.util.function.Function;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
public class ScheduleFunctions {

  /** On the workflow client's connection and namespace. */
  @Bean
  TenantSchedules tenantSchedules(WorkflowClient client) {
    return new TemporalTenantSchedules(
        ScheduleClient.newInstance(
            client.getWorkflowServiceStubs(),
            ScheduleClientOptions.newBuilder()
                .setNamespace(client.getOptions().getNamespace())
                .setDataConverter(client.getOptions().getDataConverter())
                .build()));
  }

  @Bean
  ScheduleLimit scheduleLimit(
      ScheduleSeats seats,
      @Value("${HUB_SCHEDULES_PER_TENANT:20}") int perTenant,
      TenantSchedules schedules,
      Clock clock) {
    return new ScheduleLimit(seats, perTenant, schedules, clock);
  }

  @Bean
  Function<CreateScheduleCommand, ScheduleCreated> createSchedule(
      ModerationGuard moderation, ScheduleLimit limit, TenantSchedules schedules, Clock clock) {
    return new CreateSchedule(moderation, limit, schedules, clock);
  }

  @Bean
  Function<ScheduleListing, SchedulePage> listSchedules(TenantSchedules schedules) {
    return new ListSchedules(schedules);
  }

  @Bean
  Function<ScheduleLookup, ScheduleView> getSchedule(TenantSchedules schedules) {
    return new GetSchedule(schedules);
  }

  @Bean
  Function<ScheduleLookup, ScheduleState> pauseSchedule(TenantSchedules schedules) {
    return new PauseSchedule(schedules, true);
  }

  @Bean
  Function<ScheduleLookup, ScheduleState> unpauseSchedule(TenantSchedules schedules) {
    return new PauseSchedule(schedules, false);
  }

  @Bean
  Function<ScheduleLookup, ScheduleDeleted> deleteSchedule(
      TenantSchedules schedules, ScheduleLimit limit) {
    return new DeleteSchedule(schedules, limit);
  }
}
