package io.soma.hub.worker.wizard;

import io.soma.hub.events.EventPublisher;
import io.soma.hub.orchestration.TaskQueues;
import io.soma.hub.orchestration.wizard.WizardStart;
import io.soma.hub.orchestration.wizard.WizardWorkflow;
import io.soma.hub.orchestration.wizard.WizardWorkflowImpl;
import io.soma.hub.worker.temporal.WorkerRegistration;
import io.temporal.worker.WorkflowImplementationOptions;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The wizard workflow on the sessions task queue. It has no activities: answers, rules and the plan
 * are workflow state, and approval starts the marketing campaign (registered by its own feature) as
 * a child workflow.
 */
@Configuration(proxyBeanMethods = false)
class WizardWorkerConfiguration {

  @Bean
  WorkerRegistration wizardWorker(EventPublisher events) {
    // The factory that gets the start arguments: the wizard's @WorkflowInit constructor needs them.
    return factory ->
        WorkerRegistration.workerFor(factory, TaskQueues.SESSIONS)
            .registerWorkflowImplementationFactory(
                WizardWorkflow.class,
                arguments ->
                    new WizardWorkflowImpl(arguments.get(0, WizardStart.class), events.enabled()),
                WorkflowImplementationOptions.getDefaultInstance());
  }
}
