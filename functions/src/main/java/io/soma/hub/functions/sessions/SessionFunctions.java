package io.soma.hub.functions.sessions;

import io.micrometer.core.instrument.MeterRegistry;
import io.soma.hub.functions.events.GatewayEvents;
import io.soma.hub.functions.limits.LimitMetrics;
import io.soma.hub.functions.limits.LimitSettings;
import io.soma.hub.functions.limits.SessionQuota;
import io.soma.hub.functions.moderation.ModerationGuard;
import io.soma.hub.functions.moderation.ModerationMetrics;
import io.soma.hub.orchestration.callback.CallbackDestinations;
import io.soma.hub.orchestration.callback.CallbackSecrets;
import io.soma.hub.store.SessionEvents;
import io.soma.hub.store.SessionSlots;
import io.soma.hub.store.SessionTurns;
import io.temporal.client.WorkflowClient;
import java.time.Duration;
import java.util.function.Function;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
public class SessionFunctions {

  @Bean
  KillSwitch killSwitch(@Value("${HUB_KILL_SWITCH:false}") boolean engaged) {
    return new KillSwitch(engaged);
  }

  /**
   * A slot lapses when the workflow's execution timeout has surely ended it, should nobody release
   * it.
   */
  @Bean
  SessionQuota sessionQuota(SessionSlots slots, LimitSettings settings, LimitMetrics metrics) {
    return new SessionQuota(
        slots, settings, metrics, SessionStarter.EXECUTION_TIMEOUT.plus(Duration.ofMinutes(1)));
  }

  @Bean
  SessionStarter sessionStarter(WorkflowClient client, MeterRegistry registry) {
    return new SessionStarter(client, registry);
  }

  @Bean
  Function<CreateSessionCommand, SessionAccepted> createSession(
      KillSwitch killSwitch,
      ModerationGuard moderation,
      ModerationMetrics metrics,
      SessionQuota quota,
      SessionStarter starter,
      GatewayEvents events,
      ObjectProvider<CallbackSecrets> callbackSecrets,
      CallbackDestinations callbackDestinations) {
    return new CreateSession(
        killSwitch,
        moderation,
        metrics,
        quota,
        starter,
        events,
        callbackSecrets.getIfAvailable() == null ? null : callbackDestinations);
  }

  /**
   * The tenants' callback secrets, derived from HUB_CALLBACK_KEY; without it the hub takes no
   * callback_url and callbackSecret answers 404.
   */
  @Bean
  CallbackSecrets callbackSecrets(@Value("${HUB_CALLBACK_KEY:}") String key) {
    return CallbackSecrets.fromKey(key);
  }

  @Bean
  CallbackDestinations callbackDestinations(@Value("${HUB_LOCAL_MODE:false}") boolean localMode) {
    return new CallbackDestinations(localMode);
  }

  @Bean
  Function<CallbackSecretQuery, CallbackSecretView> callbackSecret(
      ObjectProvider<CallbackSecrets> secrets) {
    return new CallbackSecret(secrets.getIfAvailable());
  }

  @Bean
  SessionReader sessionReader(WorkflowClient client, SessionTurns turns) {
    return new SessionReader(client, turns);
  }

  @Bean
  Conversations conversations(
      SessionReader reader, ModerationGuard moderation, GatewayEvents events) {
    return new Conversations(reader, moderation, events);
  }

  @Bean
  Function<SendMessageCommand, MessageReply> sendMessage(Conversations conversations) {
    return new SendMessage(conversations);
  }

  @Bean
  Function<SessionLookup, SessionCloseRequested> closeSession(Conversations conversations) {
    return new CloseSession(conversations);
  }

  @Bean
  Function<SessionLookup, SessionView> getSession(SessionReader reader) {
    return new GetSession(reader);
  }

  @Bean
  Function<SessionEventsQuery, SessionFeed> sessionEvents(
      SessionReader reader, SessionEvents events) {
    return new StreamSessionEvents(reader, events);
  }

  @Bean
  Function<SessionListing, SessionPage> listSessions(WorkflowClient client) {
    return new ListSessions(new SessionLister(client));
  }

  @Bean
  Function<SessionLookup, SessionCancelRequested> cancelSession(SessionReader reader) {
    return new CancelSession(new SessionCanceller(reader));
  }
}
