package io.soma.hub.orchestration.policy;

import java.util.List;

/** Whether a session may run, and why not when it may not. */
public record PolicyDecision(boolean allowed, List<String> reasons) {

  public PolicyDecision {
    reasons = reasons == null ? List.of() : List.copyOf(reasons);
  }

  public static PolicyDecision allow() {
    return new PolicyDecision(true, List.of());
  }

  public static PolicyDecision deny(List<String> reasons) {
    return new PolicyDecision(false, reasons);
  }
}
