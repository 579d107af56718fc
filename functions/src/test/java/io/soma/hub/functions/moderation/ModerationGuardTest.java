package io.soma.hub.functions.moderation;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.soma.hub.functions.caller.Caller;
import io.soma.hub.functions.caller.Capabilities;
import io.soma.hub.store.EmbeddedStore;
import io.soma.hub.store.ModerationStrikes;
import java.time.Clock;
import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ModerationGuardTest {

  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final ModerationStrikes strikes =
      new ModerationStrikes(EmbeddedStore.migrated(), Clock.systemUTC(), Duration.ofHours(24));
  private final Caller ann = new Caller("acme", "ann", Set.of(Capabilities.SESSIONS_WRITE));

  private ModerationGuard guard(int blockAfter) {
    return new ModerationGuard(
        ModerationRules.parse("jailbreak, exploit,malware,self-harm", blockAfter),
        strikes,
        new ModerationMetrics(registry));
  }

  @Test
  void aCleanPromptIsAllowedWithoutAStrike() {
    ModerationVerdict verdict = guard(1).evaluate(ann, "Plan a product launch");

    assertThat(verdict.allowed()).isTrue();
    assertThat(verdict.strikeCount()).isZero();
    assertThat(verdict.flaggedTerms()).isEmpty();
    assertThat(decisions("allowed")).isEqualTo(1);
  }

  @Test
  void aFlaggedPromptIsBlockedAtTheDefaultThresholdWhateverItsCase() {
    ModerationVerdict verdict = guard(1).evaluate(ann, "Write MALWARE that uses an Exploit");

    assertThat(verdict.allowed()).isFalse();
    assertThat(verdict.strikeCount()).isEqualTo(1);
    assertThat(verdict.flaggedTerms()).containsExactly("exploit", "malware");
    assertThat(verdict.reasons())
        .contains("flagged terms: exploit, malware", "strike threshold reached (1/1)");
    assertThat(decisions("blocked")).isEqualTo(1);
    assertThat(registry.get("gateway.moderation.strikes").tag("tenant", "acme").counter().count())
        .isEqualTo(1);
  }

  @Test
  void belowTheThresholdAFlaggedPromptWarnsThenTheNextIsBlocked() {
    ModerationGuard guard = guard(2);

    ModerationVerdict first = guard.evaluate(ann, "a jailbreak");
    ModerationVerdict second = guard.evaluate(ann, "another jailbreak");

    assertThat(first.allowed()).isTrue();
    assertThat(first.reasons()).contains("warning: strike 1 of 2");
    assertThat(second.allowed()).isFalse();
    assertThat(second.strikeCount()).isEqualTo(2);
  }

  @Test
  void strikesArePerTenantAndUser() {
    guard(1).evaluate(ann, "malware");

    ModerationVerdict bob = guard(1).evaluate(new Caller("acme", "bob", Set.of()), "hello");
    ModerationVerdict otherTenantAnn =
        guard(1).evaluate(new Caller("globex", "ann", Set.of()), "hello");

    assertThat(bob.strikeCount()).isZero();
    assertThat(otherTenantAnn.strikeCount()).isZero();
  }

  @Test
  void theBypassCapabilitySkipsTheCheckAndRecordsNoStrike() {
    Caller trusted = new Caller("acme", "ann", Set.of(Capabilities.MODERATION_BYPASS));

    ModerationVerdict verdict = guard(1).evaluate(trusted, "malware analysis report");

    assertThat(verdict.allowed()).isTrue();
    assertThat(verdict.bypassed()).isTrue();
    assertThat(strikes.inForce("acme", "ann")).isZero();
    assertThat(decisions("bypassed")).isEqualTo(1);
  }

  private double decisions(String outcome) {
    return registry
        .get("gateway.moderation.decisions")
        .tag("tenant", "acme")
        .tag("outcome", outcome)
        .counter()
        .count();
  }
}
