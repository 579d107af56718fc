package io.soma.hub.functions.wizards;

import io.soma.hub.functions.support.TemporalTestServer;
import io.soma.hub.orchestration.TaskQueues;
import io.soma.hub.orchestration.wizard.StandInCampaignWorkflow;
import io.soma.hub.orchestration.wizard.WizardWorkflowImpl;
import io.temporal.client.WorkflowClient;
import io.temporal.testing.TestEnvironmentOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import java.time.Duration;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

/**
 * Temporal's in-memory test server with a worker on the sessions queue that runs the real wizard
 * workflow and a stand-in campaign, for the gateway's wizard and campaign tests.
 */
@TestConfiguration(proxyBeanMethods = false)
public class WizardTemporal {

  public static TestWorkflowEnvironment withWorker() {
    // Real time: waiting for a wizard's result must not skip the campaign's approval timer.
    TestWorkflowEnvironment env =
        TemporalTestServer.start(
            TestEnvironmentOptions.newBuilder().setUseTimeskipping(false).build());
    env.newWorker(TaskQueues.SESSIONS)
        .registerWorkflowImplementationTypes(
            WizardWorkflowImpl.class, StandInCampaignWorkflow.class);
    env.start();
    return env;
  }

  public static WizardSettings settings() {
    return new WizardSettings(Duration.ofDays(7), Duration.ofHours(24));
  }

  @Bean(destroyMethod = "close")
  TestWorkflowEnvironment testWorkflowEnvironment() {
    return withWorker();
  }

  @Bean
  @Primary
  WorkflowClient testWorkflowClient(TestWorkflowEnvironment env) {
    return env.getWorkflowClient();
  }
}
