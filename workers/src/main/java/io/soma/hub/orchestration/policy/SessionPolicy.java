package io.soma.hub.orchestration.policy;

import io.soma.hub.orchestration.session.SessionRequest;
import java.util.List;
import java.util.Optional;

/** The policy check of a session: the local rules first, then OPA when one is configured. */
public final class SessionPolicy {

  private final LocalPolicyRules localRules;
  private final Optional<OpaClient> opa;

  public SessionPolicy(LocalPolicyRules localRules, Optional<OpaClient> opa) {
    this.localRules = localRules;
    this.opa = opa;
  }

  public PolicyDecision check(SessionRequest request) {
    List<String> violations = localRules.violations(request);
    if (!violations.isEmpty()) {
      return PolicyDecision.deny(violations);
    }
    return opa.map(engine -> engine.evaluate(request)).orElseGet(PolicyDecision::allow);
  }
}
