package io.soma.hub.functions.temporal;

import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import java.time.Duration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The gateway's Temporal client. Stubs connect lazily, so a function starts (and answers 503) while Temporal is
 * unreachable instead of failing its readiness.
 */
@Configuration(proxyBeanMethods = false)
public class TemporalClientConfiguration {

  @Bean(destroyMethod = "shutdown")
  WorkflowServiceStubs workflowServiceStubs(
      @Value("${HUB_TEMPORAL_ADDRESS:127.0.0.1:7233}") String address,
      @Value("${hub.temporal.rpc-timeout:PT5S}") Duration rpcTimeout) {
    return WorkflowServiceStubs.newServiceStubs(
        WorkflowServiceStubsOptions.newBuilder().setTarget(address).setRpcTimeout(rpcTimeout).build());
  }

  @Bean
  WorkflowClient workflowClient(
      WorkflowServiceStubs stubs, @Value("${HUB_TEMPORAL_NAMESPACE:default}") String namespace) {
    return WorkflowClient.newInstance(stubs, WorkflowClientOptions.newBuilder().setNamespace(namespace).build());
  }
}
