package io.soma.hub.worker.schedule;

import io.soma.hub.orchestration.TaskQueues;
import io.soma.hub.orchestration.schedule.ScheduleActivities;
import io.soma.hub.orchestration.schedule.ScheduleActivitiesImpl;
import io.soma.hub.orchestration.schedule.ScheduledSessionWorkflowImpl;
import io.soma.hub.orchestration.session.SessionStarts;
import io.soma.hub.store.SessionSlots;
import io.soma.hub.worker.temporal.WorkerRegistration;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The runs of schedules on the sessions task queue: each admits its session (kill switch, quota)
 * and runs it as a child. The Temporal Schedules that start them are the gateway's (functions,
 * schedules).
 */
@Configuration(proxyBeanMethods = false)
class ScheduleWorkerConfiguration {

  private static final Logger log = LoggerFactory.getLogger(ScheduleWorkerConfiguration.class);

  @Bean
  ScheduleActivities scheduleActivities(
      SessionSlots slots,
      RunningSessionQuotas quotas,
      @Value("${HUB_KILL_SWITCH:false}") boolean killSwitch) {
    if (killSwitch) {
      log.warn("HUB_KILL_SWITCH is engaged: schedules' runs start no session");
    }
    // As the functions' quota does: a slot lapses when the session's execution timeout has surely
    // ended it.
    return new ScheduleActivitiesImpl(
        slots,
        quotas.enabled() ? quotas::of : null,
        killSwitch,
        SessionStarts.EXECUTION_TIMEOUT.plus(Duration.ofMinutes(1)));
  }

  @Bean
  WorkerRegistration scheduleWorker(ScheduleActivities activities) {
    return factory -> {
      var worker = WorkerRegistration.workerFor(factory, TaskQueues.SESSIONS);
      worker.registerWorkflowImplementationTypes(ScheduledSessionWorkflowImpl.class);
      worker.registerActivitiesImplementations(activities);
    };
  }
}
