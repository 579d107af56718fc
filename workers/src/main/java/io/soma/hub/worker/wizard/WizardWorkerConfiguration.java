package io.soma.hub.worker.wizard;

import io.soma.hub.orchestration.TaskQueues;
import io.soma.hub.orchestration.wizard.WizardWorkflowImpl;
import io.soma.hub.worker.temporal.WorkerRegistration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The wizard workflow on the sessions task queue. It has no activities: answers, rules and the plan are workflow
 * state, and approval starts the marketing campaign (registered by its own feature) as a child workflow.
 */
@Configuration(proxyBeanMethods = false)
class WizardWorkerConfiguration {

  @Bean
  WorkerRegistration wizardWorker() {
    return factory ->
        WorkerRegistration.workerFor(factory, TaskQueues.SESSIONS)
            .registerWorkflowImplementationTypes(WizardWorkflowImpl.class);
  }
}
