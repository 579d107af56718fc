package io.soma.hub.orchestration.session;

import io.soma.hub.orchestration.model.ModelProvider;
import io.soma.hub.orchestration.policy.LocalPolicyRules;
import io.soma.hub.orchestration.policy.SessionPolicy;
import io.soma.hub.orchestration.token.ScopedTokens;
import io.temporal.client.WorkflowOptions;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/** Requests and real activity wiring for session workflow tests. */
public final class Sessions {

  static final String SECRET = "a-test-secret-that-is-at-least-32-bytes-long";
  static final String DENIED_TENANT = "blocked-tenant";

  private Sessions() {}

  static SessionRequest request(String prompt) {
    return request("acme", prompt);
  }

  static SessionRequest request(String tenant, String prompt) {
    return new SessionRequest(
        UUID.randomUUID().toString(),
        tenant,
        "alice",
        List.of("sessions:write", "sessions:read", "memory:read"),
        prompt,
        "capsule-7",
        Map.of("source", "test"));
  }

  public static SessionActivitiesImpl activities(HubStoreFixture store, ModelProvider provider) {
    return activities(store, provider, SECRET);
  }

  static SessionActivitiesImpl activities(
      HubStoreFixture store, ModelProvider provider, String secret) {
    return new SessionActivitiesImpl(
        new SessionPolicy(new LocalPolicyRules(Set.of(DENIED_TENANT)), Optional.empty()),
        tokens(secret),
        provider,
        store.completions(),
        store.auditLog(),
        store.slots(),
        store.turns(),
        store.events());
  }

  static ScopedTokens tokens() {
    return tokens(SECRET);
  }

  private static ScopedTokens tokens(String secret) {
    return new ScopedTokens(secret, null, null, Duration.ofMinutes(5), Clock.systemUTC());
  }

  /**
   * The gateway's start options: the workflow id derives from the session id and the memo carries
   * the tenant.
   */
  static WorkflowOptions startOptions(WorkflowOptions testOptions, SessionRequest request) {
    return WorkflowOptions.newBuilder(testOptions)
        .setWorkflowId(SessionIds.workflowId(request.sessionId()))
        .setMemo(
            Map.of(SessionMemo.TENANT, request.tenant(), SessionMemo.STEPS, SessionStep.plan()))
        .build();
  }
}
