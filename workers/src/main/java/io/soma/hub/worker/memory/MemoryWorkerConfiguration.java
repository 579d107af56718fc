package io.soma.hub.worker.memory;

import io.soma.hub.events.EventPublisher;
import io.soma.hub.orchestration.TaskQueues;
import io.soma.hub.orchestration.memory.MemoryRefreshActivities;
import io.soma.hub.orchestration.memory.MemoryRefreshActivitiesImpl;
import io.soma.hub.orchestration.memory.MemoryRefreshWorkflow;
import io.soma.hub.orchestration.memory.MemoryRefreshWorkflowImpl;
import io.soma.hub.store.campaign.CampaignArtifacts;
import io.soma.hub.store.memory.Embeddings;
import io.soma.hub.store.memory.MemoryStore;
import io.soma.hub.worker.temporal.WorkerRegistration;
import io.temporal.worker.Worker;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The memory refresh workflow and its activities on the sessions task queue. */
@Configuration(proxyBeanMethods = false)
class MemoryWorkerConfiguration {

  @Bean
  MemoryRefreshActivities memoryRefreshActivities(
      MemoryStore store, CampaignArtifacts artifacts, Embeddings embeddings) {
    return new MemoryRefreshActivitiesImpl(store, artifacts, embeddings);
  }

  @Bean
  WorkerRegistration memoryRefreshWorker(
      MemoryRefreshActivities activities, EventPublisher events) {
    return factory -> {
      Worker worker = WorkerRegistration.workerFor(factory, TaskQueues.SESSIONS);
      worker.registerWorkflowImplementationFactory(
          MemoryRefreshWorkflow.class, () -> new MemoryRefreshWorkflowImpl(events.enabled()));
      worker.registerActivitiesImplementations(activities);
    };
  }
}
