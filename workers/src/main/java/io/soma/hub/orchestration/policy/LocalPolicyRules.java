package io.soma.hub.orchestration.policy;

import io.soma.hub.orchestration.session.SessionRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** The rules the worker enforces by itself, with or without a policy engine. */
public final class LocalPolicyRules {

  public static final int MAX_PROMPT_CHARS = 16_000;

  private final Set<String> deniedTenants;

  public LocalPolicyRules(Set<String> deniedTenants) {
    this.deniedTenants = Set.copyOf(deniedTenants);
  }

  /** Every rule the request breaks; empty when it breaks none. */
  public List<String> violations(SessionRequest request) {
    List<String> violations = new ArrayList<>();
    String prompt = request.prompt();
    if (prompt == null || prompt.isBlank()) {
      violations.add("prompt is blank");
    } else if (prompt.length() > MAX_PROMPT_CHARS) {
      violations.add(
          "prompt has " + prompt.length() + " characters, more than " + MAX_PROMPT_CHARS);
    }
    if (request.tenant() == null || request.tenant().isBlank()) {
      violations.add("tenant is missing");
    } else if (deniedTenants.contains(request.tenant())) {
      violations.add("tenant '" + request.tenant() + "' is denied by HUB_POLICY_DENIED_TENANTS");
    }
    return violations;
  }
}
