package io.soma.hub.worker.session;

import io.micrometer.core.instrument.MeterRegistry;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Tracer;
import io.soma.hub.events.EventPublisher;
import io.soma.hub.orchestration.TaskQueues;
import io.soma.hub.orchestration.callback.CallbackActivities;
import io.soma.hub.orchestration.callback.CallbackActivitiesImpl;
import io.soma.hub.orchestration.callback.CallbackDestinations;
import io.soma.hub.orchestration.callback.CallbackSecrets;
import io.soma.hub.orchestration.callback.CallbackWorkflowImpl;
import io.soma.hub.orchestration.model.ModelProvider;
import io.soma.hub.orchestration.model.OfflineModelProvider;
import io.soma.hub.orchestration.model.OpenAiCompatibleProvider;
import io.soma.hub.orchestration.model.TracedModelProvider;
import io.soma.hub.orchestration.policy.LocalPolicyRules;
import io.soma.hub.orchestration.policy.OpaClient;
import io.soma.hub.orchestration.policy.SessionPolicy;
import io.soma.hub.orchestration.session.SessionActivities;
import io.soma.hub.orchestration.session.SessionActivitiesImpl;
import io.soma.hub.orchestration.session.SessionActivityOptions;
import io.soma.hub.orchestration.session.SessionWorkflow;
import io.soma.hub.orchestration.session.SessionWorkflowImpl;
import io.soma.hub.orchestration.token.ScopedTokens;
import io.soma.hub.store.AuditLog;
import io.soma.hub.store.SessionCompletions;
import io.soma.hub.store.SessionEvents;
import io.soma.hub.store.SessionSlots;
import io.soma.hub.store.SessionTurns;
import io.soma.hub.worker.temporal.WorkerRegistration;
import io.temporal.activity.ActivityOptions;
import io.temporal.client.WorkflowClient;
import io.temporal.worker.Worker;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The session workflow and its activities on the sessions task queue. */
@Configuration(proxyBeanMethods = false)
class SessionWorkerConfiguration {

  private static final Logger log = LoggerFactory.getLogger(SessionWorkerConfiguration.class);

  @Bean
  SessionPolicy sessionPolicy(PolicyProperties properties) {
    Set<String> deniedTenants =
        properties.deniedTenants().stream()
            .map(String::strip)
            .filter(t -> !t.isEmpty())
            .collect(Collectors.toSet());
    Optional<OpaClient> opa =
        Optional.ofNullable(properties.opaUrl())
            .filter(url -> !url.isBlank())
            .map(
                url ->
                    new OpaClient(
                        URI.create(url), properties.opaConnectTimeout(), properties.opaTimeout()));
    log.info(
        "Session policy: {} denied tenant(s), OPA {}",
        deniedTenants.size(),
        opa.isPresent() ? "at " + properties.opaUrl() : "not configured");
    return new SessionPolicy(new LocalPolicyRules(deniedTenants), opa);
  }

  @Bean
  ScopedTokens scopedTokens(JwtProperties properties, Clock clock) {
    return new ScopedTokens(
        properties.secret(),
        properties.issuer(),
        properties.audience(),
        properties.scopedTokenTtl(),
        clock);
  }

  /** The provider, each call a span of the activity's trace. */
  @Bean
  ModelProvider modelProvider(
      ModelProperties properties, ObjectProvider<OpenTelemetry> openTelemetry) {
    Tracer tracer =
        openTelemetry.getIfAvailable(OpenTelemetry::noop).getTracer("io.soma.hub.model");
    if (!properties.configured()) {
      return new TracedModelProvider(
          offlineModelProvider(),
          tracer,
          OfflineModelProvider.PROVIDER,
          OfflineModelProvider.MODEL);
    }
    return new TracedModelProvider(
        openAiCompatibleProvider(properties),
        tracer,
        OpenAiCompatibleProvider.PROVIDER,
        properties.name());
  }

  private static ModelProvider offlineModelProvider() {
    log.info("No HUB_MODEL_BASE_URL: sessions are answered by the offline provider");
    return new OfflineModelProvider();
  }

  private static ModelProvider openAiCompatibleProvider(ModelProperties properties) {
    if (properties.name() == null || properties.name().isBlank()) {
      throw new IllegalStateException(
          "HUB_MODEL_BASE_URL is set but HUB_MODEL_NAME is not: name the model the provider should run");
    }
    OpenAiCompatibleProvider provider =
        new OpenAiCompatibleProvider(
            properties.baseUrl(),
            properties.name(),
            properties.apiKey(),
            properties.connectTimeout(),
            properties.requestTimeout());
    log.info("Model provider: {} with model {}", provider.completionsUri(), properties.name());
    return provider;
  }

  @Bean
  SessionActivities sessionActivities(
      SessionPolicy policy,
      ScopedTokens tokens,
      ModelProvider provider,
      SessionCompletions completions,
      AuditLog auditLog,
      SessionSlots slots,
      SessionTurns turns,
      SessionEvents events) {
    return new SessionActivitiesImpl(
        policy, tokens, provider, completions, auditLog, slots, turns, events);
  }

  /**
   * Frees the quota slots of sessions that ended other than by their last step (the functions claim
   * them).
   */
  @Bean(destroyMethod = "close")
  SessionSlotSweeper sessionSlotSweeper(
      SessionSlots slots,
      WorkflowClient client,
      Clock clock,
      MeterRegistry registry,
      @Value("${hub.session-slots.sweep-interval:15s}") Duration interval) {
    return new SessionSlotSweeper(slots, client, clock, registry).every(interval);
  }

  /**
   * Deletes the sessions' streamed events after HUB_SESSION_EVENTS_RETENTION (a week by default),
   * hourly.
   */
  @Bean(destroyMethod = "close")
  SessionEventsRetention sessionEventsRetention(
      SessionEvents events,
      Clock clock,
      @Value("${HUB_SESSION_EVENTS_RETENTION:7d}") Duration retention) {
    return new SessionEventsRetention(events, clock, retention).every(Duration.ofHours(1));
  }

  /**
   * Session callbacks, signed with the tenant's secret derived from HUB_CALLBACK_KEY (none: every
   * one is refused).
   */
  @Bean
  CallbackActivities callbackActivities(
      @Value("${HUB_CALLBACK_KEY:}") String callbackKey,
      @Value("${HUB_LOCAL_MODE:false}") boolean localMode,
      Clock clock) {
    CallbackSecrets secrets = CallbackSecrets.fromKey(callbackKey);
    log.info(
        "Session callbacks: {}{}",
        secrets == null ? "off (no HUB_CALLBACK_KEY)" : "signed",
        secrets != null && localMode ? ", to any http(s) URL (local mode)" : "");
    return new CallbackActivitiesImpl(secrets, new CallbackDestinations(localMode), clock);
  }

  @Bean
  WorkerRegistration sessionWorker(
      SessionActivities activities,
      CallbackActivities callbacks,
      ModelProperties model,
      EventPublisher events) {
    Duration providerTimeout = model.connectTimeout().plus(model.requestTimeout());
    ActivityOptions completion = SessionActivityOptions.modelCompletion(providerTimeout);
    log.info(
        "Model completion attempts: start-to-close {} s (HUB_MODEL_CONNECT_TIMEOUT + HUB_MODEL_TIMEOUT + overhead), "
            + "heartbeat timeout {} s",
        completion.getStartToCloseTimeout().toSeconds(),
        completion.getHeartbeatTimeout().toSeconds());
    return factory -> {
      Worker worker = WorkerRegistration.workerFor(factory, TaskQueues.SESSIONS);
      worker.registerWorkflowImplementationFactory(
          SessionWorkflow.class, () -> new SessionWorkflowImpl(providerTimeout, events.enabled()));
      worker.registerWorkflowImplementationTypes(CallbackWorkflowImpl.class);
      worker.registerActivitiesImplementations(activities, callbacks);
    };
  }
}
