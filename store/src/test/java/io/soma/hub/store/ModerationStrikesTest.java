package io.soma.hub.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ModerationStrikesTest {

  private final SettableClock clock = new SettableClock(Instant.parse("2026-11-25T10:00:00Z"));
  private final ModerationStrikes strikes =
      new ModerationStrikes(EmbeddedStore.migrated(), clock, Duration.ofHours(24));

  @Test
  void countsStrikesPerTenantAndUser() {
    assertThat(strikes.strike("acme", "ann")).isEqualTo(1);
    assertThat(strikes.strike("acme", "ann")).isEqualTo(2);
    assertThat(strikes.strike("acme", "bob")).isEqualTo(1);
    assertThat(strikes.strike("globex", "ann")).isEqualTo(1);
    assertThat(strikes.inForce("acme", "ann")).isEqualTo(2);
  }

  @Test
  void aStrikeExpiresAfterTheWindow() {
    strikes.strike("acme", "ann");
    clock.advance(Duration.ofHours(23));
    assertThat(strikes.strike("acme", "ann")).isEqualTo(2);

    clock.advance(Duration.ofHours(2));
    assertThat(strikes.inForce("acme", "ann")).isEqualTo(1);
    assertThat(strikes.purgeExpired()).isEqualTo(1);
    assertThat(strikes.inForce("acme", "ann")).isEqualTo(1);
  }
}
