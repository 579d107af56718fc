package io.soma.hub.functions.temporal;

import io.opentelemetry.api.OpenTelemetry;
import io.soma.hub.orchestration.connection.TemporalTls;
import io.soma.hub.orchestration.connection.TemporalTracing;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.serviceclient.RpcRetryOptions;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import java.time.Duration;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * The gateway's Temporal client. Stubs connect lazily, so a function starts (and answers 503) while
 * Temporal is unreachable instead of failing its readiness. Calls are retried for a short window
 * only: long enough to ride out a blip or a quick Temporal restart, short enough that a caller gets
 * a 503 instead of waiting a minute (the SDK's default). TLS to the frontend when {@code
 * hub.temporal.tls.*} asks for it. A workflow start is a span of the request's trace, which the
 * workflow continues ({@link TemporalTracing}).
 */
@Configuration(proxyBeanMethods = false)
public class TemporalClientConfiguration {

  @Bean(destroyMethod = "shutdown")
  WorkflowServiceStubs workflowServiceStubs(
      @Value("${HUB_TEMPORAL_ADDRESS:127.0.0.1:7233}") String address,
      @Value("${hub.temporal.rpc-timeout:PT5S}") Duration rpcTimeout,
      @Value("${hub.temporal.rpc-retry-window:PT10S}") Duration retryWindow,
      TemporalTls tls) {
    return WorkflowServiceStubs.newServiceStubs(
        tls.applyTo(WorkflowServiceStubsOptions.newBuilder())
            .setTarget(address)
            .setRpcTimeout(rpcTimeout)
            .setRpcRetryOptions(
                RpcRetryOptions.newBuilder()
                    .setInitialInterval(Duration.ofMillis(100))
                    .setMaximumInterval(Duration.ofSeconds(2))
                    .setExpiration(retryWindow)
                    .validateBuildWithDefaults())
            .build());
  }

  @Bean
  TemporalTls temporalTls(Environment environment) {
    return Binder.get(environment).bindOrCreate("hub.temporal.tls", TemporalTls.class);
  }

  @Bean
  WorkflowClient workflowClient(
      WorkflowServiceStubs stubs,
      @Value("${HUB_TEMPORAL_NAMESPACE:default}") String namespace,
      ObjectProvider<OpenTelemetry> openTelemetry) {
    TemporalTracing tracing =
        TemporalTracing.over(openTelemetry.getIfAvailable(OpenTelemetry::noop));
    return WorkflowClient.newInstance(
        stubs,
        WorkflowClientOptions.newBuilder()
            .setNamespace(namespace)
            .setInterceptors(tracing.clientInterceptor())
            .build());
  }

  /**
   * The bound of every call that waits for the worker: wizard answers and approvals, campaign
   * decisions.
   */
  @Bean
  BoundedCalls boundedCalls(@Value("${hub.temporal.call-timeout:PT10S}") Duration callTimeout) {
    return new BoundedCalls(callTimeout);
  }
}
