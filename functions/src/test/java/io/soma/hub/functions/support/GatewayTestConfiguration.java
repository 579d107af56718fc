package io.soma.hub.functions.support;

import io.temporal.client.WorkflowClient;
import io.temporal.testing.TestWorkflowEnvironment;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

/** Points the gateway at Temporal's in-memory test server instead of a real one. */
@TestConfiguration(proxyBeanMethods = false)
public class GatewayTestConfiguration {

  @Bean(destroyMethod = "close")
  TestWorkflowEnvironment testWorkflowEnvironment() {
    return TemporalTestServer.start();
  }

  @Bean
  @Primary
  WorkflowClient testWorkflowClient(TestWorkflowEnvironment env) {
    return env.getWorkflowClient();
  }
}
