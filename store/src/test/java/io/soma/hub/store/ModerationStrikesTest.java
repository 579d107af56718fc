package io.soma.hub.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class ModerationStrikesTest {

  private final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-11-25T10:00:00Z"));
  private final Clock clock =
      new Clock() {
        @Override
        public ZoneOffset getZone() {
          return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
          return this;
        }

        @Override
        public Instant instant() {
          return now.get();
        }
      };
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
    now.set(now.get().plus(Duration.ofHours(23)));
    assertThat(strikes.strike("acme", "ann")).isEqualTo(2);

    now.set(now.get().plus(Duration.ofHours(2)));
    assertThat(strikes.inForce("acme", "ann")).isEqualTo(1);
    assertThat(strikes.purgeExpired()).isEqualTo(1);
    assertThat(strikes.inForce("acme", "ann")).isEqualTo(1);
  }
}
