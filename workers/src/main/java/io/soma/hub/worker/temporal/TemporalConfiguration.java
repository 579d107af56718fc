package io.soma.hub.worker.temporal;

import com.uber.m3.tally.RootScopeBuilder;
import com.uber.m3.tally.Scope;
import io.micrometer.core.instrument.MeterRegistry;
import io.opentelemetry.api.OpenTelemetry;
import io.soma.hub.orchestration.connection.TemporalTracing;
import io.soma.hub.store.LocalModeBinding;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import io.temporal.worker.WorkerFactory;
import io.temporal.worker.WorkerFactoryOptions;
import java.time.Duration;
import java.util.List;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The plain Temporal SDK, wired by hand: one set of service stubs reporting SDK metrics to the
 * application's registry, one client for the configured namespace, one worker factory whose
 * lifecycle we own. Both trace ({@link TemporalTracing}): each workflow run and activity is a span
 * of the trace that started the workflow.
 */
@Configuration(proxyBeanMethods = false)
class TemporalConfiguration {

  /**
   * How long readiness waits for Temporal to answer, and how long that answer serves later probes.
   */
  private static final Duration HEALTH_CHECK_DEADLINE = Duration.ofSeconds(2);

  private static final Duration HEALTH_CHECK_REUSE = Duration.ofSeconds(5);

  @Bean
  @ConditionalOnProperty(name = "hub.temporal.embedded", havingValue = "true")
  EmbeddedTemporalServer embeddedTemporalServer(
      TemporalProperties properties,
      @Value("${" + LocalModeBinding.BIND_ADDRESS + ":#{null}}") String bindAddress) {
    return new EmbeddedTemporalServer(bindAddress, properties.port());
  }

  @Bean(destroyMethod = "close")
  Scope temporalMetricsScope(MeterRegistry registry, TemporalProperties properties) {
    return new RootScopeBuilder()
        .reporter(new RegistryKeepingReporter(registry))
        .reportEvery(
            com.uber.m3.util.Duration.ofMillis(properties.metricsReportInterval().toMillis()));
  }

  @Bean(destroyMethod = "shutdown")
  WorkflowServiceStubs workflowServiceStubs(
      TemporalProperties properties, Scope temporalMetricsScope) {
    return WorkflowServiceStubs.newServiceStubs(
        properties
            .tls()
            .applyTo(WorkflowServiceStubsOptions.newBuilder())
            .setTarget(properties.address())
            .setMetricsScope(temporalMetricsScope)
            .build());
  }

  @Bean
  TemporalTracing temporalTracing(ObjectProvider<OpenTelemetry> openTelemetry) {
    return TemporalTracing.over(openTelemetry.getIfAvailable(OpenTelemetry::noop));
  }

  @Bean
  WorkflowClient workflowClient(
      WorkflowServiceStubs stubs, TemporalProperties properties, TemporalTracing tracing) {
    return WorkflowClient.newInstance(
        stubs,
        WorkflowClientOptions.newBuilder()
            .setNamespace(properties.namespace())
            .setInterceptors(tracing.clientInterceptor())
            .build());
  }

  /** Shut down by {@link TemporalWorkerLifecycle}, with a drain, not by the bean factory. */
  @Bean(destroyMethod = "")
  WorkerFactory workerFactory(WorkflowClient client, TemporalTracing tracing) {
    return WorkerFactory.newInstance(
        client,
        WorkerFactoryOptions.newBuilder()
            .setWorkerInterceptors(tracing.workerInterceptor())
            .build());
  }

  @Bean
  TemporalWorkerLifecycle temporalWorkerLifecycle(
      WorkerFactory factory,
      List<WorkerRegistration> registrations,
      TemporalProperties properties) {
    return new TemporalWorkerLifecycle(factory, registrations, properties);
  }

  @Bean
  TemporalHealthIndicator temporalHealthIndicator(
      TemporalWorkerLifecycle worker, TemporalProperties properties, WorkflowServiceStubs stubs) {
    return new TemporalHealthIndicator(
        worker,
        properties,
        new TemporalReachability(stubs, HEALTH_CHECK_DEADLINE, HEALTH_CHECK_REUSE));
  }
}
