package io.soma.hub.functions.moderation;

import io.soma.hub.functions.caller.Caller;
import io.soma.hub.functions.caller.Capabilities;
import io.soma.hub.functions.errors.UnavailableException;
import io.soma.hub.store.ModerationStrikes;
import java.util.ArrayList;
import java.util.List;
import org.springframework.dao.DataAccessException;

/**
 * Moderates a prompt for a caller: every flagged prompt is a strike for the tenant and user, kept
 * in the hub store for the strike window; the caller is blocked once the strikes in force reach the
 * threshold.
 */
public class ModerationGuard {

  private final ModerationRules rules;
  private final ModerationStrikes strikes;
  private final ModerationMetrics metrics;

  public ModerationGuard(
      ModerationRules rules, ModerationStrikes strikes, ModerationMetrics metrics) {
    this.rules = rules;
    this.strikes = strikes;
    this.metrics = metrics;
  }

  public ModerationVerdict evaluate(Caller caller, String prompt) {
    try {
      return decide(caller, prompt);
    } catch (DataAccessException e) {
      metrics.decision(caller.tenant(), "error");
      throw new UnavailableException(
          "moderation is unavailable: the hub store cannot be reached", e);
    }
  }

  private ModerationVerdict decide(Caller caller, String prompt) {
    if (caller.can(Capabilities.MODERATION_BYPASS)) {
      metrics.decision(caller.tenant(), "bypassed");
      return new ModerationVerdict(
          true,
          strikes.inForce(caller.tenant(), caller.subject()),
          List.of(),
          List.of("moderation bypass capability present"),
          true);
    }
    List<String> flagged = rules.flaggedTerms(prompt);
    if (flagged.isEmpty()) {
      metrics.decision(caller.tenant(), "allowed");
      return new ModerationVerdict(
          true, strikes.inForce(caller.tenant(), caller.subject()), flagged, List.of(), false);
    }
    int inForce = strikes.strike(caller.tenant(), caller.subject());
    metrics.strike(caller.tenant());
    List<String> reasons = new ArrayList<>();
    reasons.add("flagged terms: " + String.join(", ", flagged));
    boolean blocked = inForce >= rules.blockAfterStrikes();
    if (blocked) {
      reasons.add("strike threshold reached (" + inForce + "/" + rules.blockAfterStrikes() + ")");
    } else {
      reasons.add("warning: strike " + inForce + " of " + rules.blockAfterStrikes());
    }
    metrics.decision(caller.tenant(), blocked ? "blocked" : "warned");
    return new ModerationVerdict(!blocked, inForce, flagged, reasons, false);
  }
}
