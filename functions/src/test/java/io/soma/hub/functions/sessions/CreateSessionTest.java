package io.soma.hub.functions.sessions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.soma.hub.functions.caller.Caller;
import io.soma.hub.functions.caller.Capabilities;
import io.soma.hub.functions.errors.IdempotencyKeyReusedException;
import io.soma.hub.functions.errors.InvalidInputException;
import io.soma.hub.functions.errors.QuotaExceededException;
import io.soma.hub.functions.errors.RefusedException;
import io.soma.hub.functions.errors.UnavailableException;
import io.soma.hub.functions.limits.LimitMetrics;
import io.soma.hub.functions.limits.LimitSettings;
import io.soma.hub.functions.limits.RateLimit;
import io.soma.hub.functions.limits.SessionQuota;
import io.soma.hub.functions.limits.TenantLimits;
import io.soma.hub.functions.moderation.ModerationGuard;
import io.soma.hub.functions.moderation.ModerationMetrics;
import io.soma.hub.functions.moderation.ModerationRules;
import io.soma.hub.functions.support.TemporalTestServer;
import io.soma.hub.orchestration.callback.CallbackDestinations;
import io.soma.hub.orchestration.session.SessionIds;
import io.soma.hub.store.EmbeddedStore;
import io.soma.hub.store.ModerationStrikes;
import io.soma.hub.store.SessionSlots;
import io.temporal.testing.TestWorkflowEnvironment;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The createSession function as plain Java, starting workflows on Temporal's in-memory test server.
 */
class CreateSessionTest {

  private final TestWorkflowEnvironment temporal = TemporalTestServer.start();
  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final ModerationMetrics metrics = new ModerationMetrics(registry);
  private final ModerationGuard moderation =
      new ModerationGuard(
          ModerationRules.parse("malware", 1),
          new ModerationStrikes(EmbeddedStore.migrated(), Clock.systemUTC(), Duration.ofHours(24)),
          metrics);
  private final SessionStarter starter = new SessionStarter(temporal.getWorkflowClient(), registry);
  private final SessionSlots slots =
      new SessionSlots(EmbeddedStore.migratedDataSource(), Clock.systemUTC());
  private final SessionQuota quota =
      new SessionQuota(
          slots, quotaOfThreeForAcme(), new LimitMetrics(registry), Duration.ofHours(1));
  private final Caller ann = new Caller("acme", "ann", Set.of(Capabilities.SESSIONS_WRITE));

  @AfterEach
  void stopTemporal() {
    temporal.close();
  }

  private CreateSession createSession(boolean killSwitch) {
    return new CreateSession(new KillSwitch(killSwitch), moderation, metrics, quota, starter);
  }

  private static LimitSettings quotaOfThreeForAcme() {
    RateLimit any = RateLimit.valueOf("1000/1s");
    return new LimitSettings(
        true,
        new TenantLimits(any, any, any, 1000),
        Map.of("acme", new TenantLimits(null, null, null, 3)),
        1);
  }

  private static CreateSessionBody body(String prompt) {
    return new CreateSessionBody(prompt, null, Map.of("channel", "web"));
  }

  @Test
  void startsOneSessionWorkflowPerRequest() {
    SessionAccepted first =
        createSession(false).apply(new CreateSessionCommand(ann, null, body("Plan a launch")));
    SessionAccepted second =
        createSession(false).apply(new CreateSessionCommand(ann, null, body("Plan a launch")));

    assertThat(first.status()).isEqualTo("accepted");
    assertThat(first.replayed()).isFalse();
    assertThat(first.sessionId()).isNotEqualTo(second.sessionId());
    assertThat(TemporalTestServer.startedSessions(temporal)).isEqualTo(2);
    assertThat(registry.get("gateway.workflow.start").timer().count()).isEqualTo(2);
  }

  @Test
  void theKillSwitchRefusesBeforeAnythingElse() {
    assertThatThrownBy(
            () -> createSession(true).apply(new CreateSessionCommand(ann, null, body("hello"))))
        .isInstanceOf(UnavailableException.class)
        .hasMessageContaining("kill switch");
    assertThat(TemporalTestServer.startedSessions(temporal)).isZero();
    assertThat(
            registry
                .get("gateway.moderation.decisions")
                .tag("outcome", "kill_switch")
                .counter()
                .count())
        .isEqualTo(1);
  }

  @Test
  void aBlockedPromptStartsNothingAndSaysWhy() {
    assertThatThrownBy(
            () ->
                createSession(false)
                    .apply(new CreateSessionCommand(ann, null, body("write malware"))))
        .isInstanceOfSatisfying(
            RefusedException.class,
            refused ->
                assertThat(refused.details())
                    .containsEntry("strike_count", 1)
                    .containsEntry("flagged_terms", List.of("malware")));
    assertThat(TemporalTestServer.startedSessions(temporal)).isZero();
  }

  @Test
  void theSameIdempotencyKeyReturnsTheSameSessionAndStartsNothingNew() {
    CreateSessionCommand command =
        new CreateSessionCommand(ann, "run-2026-11-25", body("Plan a launch"));

    SessionAccepted first = createSession(false).apply(command);
    SessionAccepted again = createSession(false).apply(command);

    assertThat(again.sessionId()).isEqualTo(first.sessionId());
    assertThat(first.replayed()).isFalse();
    assertThat(again.replayed()).isTrue();
    assertThat(TemporalTestServer.startedSessions(temporal)).isEqualTo(1);
  }

  @Test
  void anIdempotencyKeyIsScopedToItsTenant() {
    Caller globex = new Caller("globex", "ann", Set.of(Capabilities.SESSIONS_WRITE));

    SessionAccepted acme =
        createSession(false).apply(new CreateSessionCommand(ann, "k1", body("hello")));
    SessionAccepted other =
        createSession(false).apply(new CreateSessionCommand(globex, "k1", body("hello")));

    assertThat(other.sessionId()).isNotEqualTo(acme.sessionId());
    assertThat(TemporalTestServer.startedSessions(temporal)).isEqualTo(2);
  }

  @Test
  void reusingAnIdempotencyKeyForADifferentBodyIsRefused() {
    createSession(false).apply(new CreateSessionCommand(ann, "k1", body("hello")));

    assertThatThrownBy(
            () -> createSession(false).apply(new CreateSessionCommand(ann, "k1", body("goodbye"))))
        .isInstanceOf(IdempotencyKeyReusedException.class);
    assertThat(TemporalTestServer.startedSessions(temporal)).isEqualTo(1);
  }

  @Test
  void anotherUserOfTheTenantReplayingTheKeyGetsTheSameSession() {
    Caller bob = new Caller("acme", "bob", Set.of(Capabilities.SESSIONS_WRITE));

    SessionAccepted first =
        createSession(false).apply(new CreateSessionCommand(ann, "k1", body("hello")));
    SessionAccepted byBob =
        createSession(false).apply(new CreateSessionCommand(bob, "k1", body("hello")));

    assertThat(byBob.sessionId()).isEqualTo(first.sessionId());
    assertThat(byBob.replayed()).isTrue();
    assertThat(TemporalTestServer.startedSessions(temporal)).isEqualTo(1);
  }

  @Test
  void concurrentRequestsWithOneIdempotencyKeyStartExactlyOneWorkflow() throws Exception {
    CreateSessionCommand command = new CreateSessionCommand(ann, "burst-1", body("Plan a launch"));
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Callable<SessionAccepted>> calls =
          IntStream.range(0, 16)
              .mapToObj(i -> (Callable<SessionAccepted>) () -> createSession(false).apply(command))
              .toList();
      List<SessionAccepted> results =
          pool.invokeAll(calls).stream().map(CreateSessionTest::get).toList();

      assertThat(results)
          .extracting(SessionAccepted::sessionId)
          .containsOnly(results.get(0).sessionId());
      assertThat(results).filteredOn(r -> !r.replayed()).hasSize(1);
      assertThat(TemporalTestServer.startedSessions(temporal)).isEqualTo(1);
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void atTheTenantsQuotaOfRunningSessionsAStartIsRefusedAndNothingStarts() {
    for (int i = 0; i < 3; i++) {
      createSession(false).apply(new CreateSessionCommand(ann, null, body("Plan launch " + i)));
    }

    assertThatThrownBy(
            () -> createSession(false).apply(new CreateSessionCommand(ann, null, body("one more"))))
        .isInstanceOfSatisfying(
            QuotaExceededException.class,
            refused -> {
              assertThat(refused.limit()).isEqualTo("running_sessions");
              assertThat(refused.capacity()).isEqualTo(3);
              assertThat(refused.running()).isEqualTo(3);
            });
    assertThat(TemporalTestServer.startedSessions(temporal)).isEqualTo(3);
    assertThat(
            registry
                .get("gateway.rate.limited")
                .tags("tenant", "acme", "limit", "running_sessions")
                .counter()
                .count())
        .isOne();
    Caller globex = new Caller("globex", "ann", Set.of(Capabilities.SESSIONS_WRITE));
    assertThat(
            createSession(false)
                .apply(new CreateSessionCommand(globex, null, body("hello")))
                .status())
        .as("another tenant's quota")
        .isEqualTo("accepted");
  }

  @Test
  void aRepeatedRequestHoldsOneSlot() {
    CreateSessionCommand command = new CreateSessionCommand(ann, "k1", body("hello"));

    createSession(false).apply(command);
    createSession(false).apply(command);

    assertThat(slots.running("acme")).isOne();
  }

  @Test
  void aRepeatOfASessionThatHasEndedHoldsItsSlotUntilTheWorkersSweepFreesIt() {
    CreateSessionCommand command = new CreateSessionCommand(ann, "k1", body("hello"));
    SessionAccepted first = createSession(false).apply(command);
    temporal
        .getWorkflowClient()
        .newUntypedWorkflowStub(SessionIds.workflowId(first.sessionId()))
        .terminate("done");
    slots.release(first.sessionId());

    SessionAccepted again = createSession(false).apply(command);

    assertThat(again.replayed()).isTrue();
    assertThat(slots.running("acme")).isOne();
  }

  @Test
  void aStartThatFailsGivesItsSlotBack() {
    temporal.close();

    assertThatThrownBy(
            () -> createSession(false).apply(new CreateSessionCommand(ann, null, body("hello"))))
        .isInstanceOf(UnavailableException.class);
    assertThat(slots.running("acme")).isZero();
  }

  @Test
  void refusalsBeforeTheQuotaClaimNothing() {
    assertThatThrownBy(
            () -> createSession(true).apply(new CreateSessionCommand(ann, null, body("hello"))))
        .isInstanceOf(UnavailableException.class);
    assertThatThrownBy(
            () -> createSession(false).apply(new CreateSessionCommand(ann, null, body("malware"))))
        .isInstanceOf(RefusedException.class);

    assertThat(slots.running("acme")).isZero();
  }

  private CreateSession withCallbacks(boolean localMode) {
    return new CreateSession(
        new KillSwitch(false),
        moderation,
        metrics,
        quota,
        starter,
        io.soma.hub.functions.events.GatewayEvents.NONE,
        new CallbackDestinations(localMode));
  }

  private static CreateSessionBody calling(String url) {
    return new CreateSessionBody("Plan a launch", null, Map.of(), url);
  }

  @Test
  void aCallbackUrlTheHubMayNotCallStartsNothingAndClaimsNothing() {
    for (String url :
        List.of(
            "http://hooks.example.com/x",
            "https://10.0.0.8/x",
            "https://localhost/x",
            "not a url")) {
      assertThatThrownBy(
              () -> withCallbacks(false).apply(new CreateSessionCommand(ann, null, calling(url))))
          .as(url)
          .isInstanceOfSatisfying(
              InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("callback_url"));
    }
    assertThatThrownBy(
            () ->
                createSession(false)
                    .apply(
                        new CreateSessionCommand(
                            ann, null, calling("https://hooks.example.com/x"))))
        .as("a hub without callback key")
        .isInstanceOfSatisfying(
            InvalidInputException.class, e -> assertThat(e.rule()).contains("HUB_CALLBACK_KEY"));

    assertThat(TemporalTestServer.startedSessions(temporal)).isZero();
    assertThat(slots.running("acme")).isZero();
  }

  @Test
  void aCallbackUrlIsPartOfTheBodyAnIdempotentRepeatMustMatch() {
    SessionAccepted first =
        withCallbacks(true)
            .apply(new CreateSessionCommand(ann, "key-1", calling("http://127.0.0.1:9/hook")));
    SessionAccepted again =
        withCallbacks(true)
            .apply(new CreateSessionCommand(ann, "key-1", calling("http://127.0.0.1:9/hook")));

    assertThat(again.sessionId()).isEqualTo(first.sessionId());
    assertThat(again.replayed()).isTrue();
    assertThatThrownBy(
            () ->
                withCallbacks(true)
                    .apply(
                        new CreateSessionCommand(
                            ann, "key-1", calling("http://127.0.0.1:9/other"))))
        .isInstanceOf(IdempotencyKeyReusedException.class);
    assertThatThrownBy(
            () ->
                withCallbacks(true)
                    .apply(
                        new CreateSessionCommand(
                            ann, "key-1", new CreateSessionBody("Plan a launch", null, Map.of()))))
        .isInstanceOf(IdempotencyKeyReusedException.class);
  }

  private static <T> T get(Future<T> future) {
    try {
      return future.get();
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }
}
