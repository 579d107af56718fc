package io.soma.hub.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.soma.hub.store.SessionSlots.Claim;
import io.soma.hub.store.SessionSlots.Held;
import io.soma.hub.store.SessionSlots.Outcome;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

class SessionSlotsTest {

  private static final Duration HOUR = Duration.ofHours(1);

  private final SettableClock clock = new SettableClock(Instant.parse("2026-12-06T10:00:00Z"));
  private final DataSource store = EmbeddedStore.migratedDataSource();
  private final SessionSlots slots = new SessionSlots(store, clock);

  @Test
  void aTenantClaimsUpToItsQuotaAndAReleasedSlotIsFreeAgain() {
    assertThat(slots.claim("acme", "s1", 2, HOUR).outcome()).isEqualTo(Outcome.CLAIMED);
    assertThat(slots.claim("acme", "s2", 2, HOUR).outcome()).isEqualTo(Outcome.CLAIMED);
    assertThat(slots.claim("acme", "s3", 2, HOUR)).isEqualTo(new Claim(Outcome.QUOTA_FULL, 2));
    assertThat(slots.claim("globex", "s4", 2, HOUR).outcome())
        .as("another tenant")
        .isEqualTo(Outcome.CLAIMED);

    assertThat(slots.release("s1")).isTrue();
    assertThat(slots.release("s1")).isFalse();

    assertThat(slots.claim("acme", "s3", 2, HOUR).outcome()).isEqualTo(Outcome.CLAIMED);
    assertThat(slots.running("acme")).isEqualTo(2);
  }

  @Test
  void aSessionThatHoldsItsSlotClaimsNoSecondOneEvenAtTheQuota() {
    slots.claim("acme", "s1", 1, HOUR);

    assertThat(slots.claim("acme", "s1", 1, HOUR)).isEqualTo(new Claim(Outcome.ALREADY_HELD, 1));
    assertThat(slots.running("acme")).isOne();
  }

  @Test
  void aSlotNobodyReleasedLapsesAtItsTime() {
    slots.claim("acme", "s1", 1, HOUR);
    clock.advance(HOUR);

    assertThat(slots.running("acme")).isZero();
    assertThat(slots.claim("acme", "s2", 1, HOUR).outcome()).isEqualTo(Outcome.CLAIMED);
    assertThat(slots.releaseLapsed()).isOne();
    assertThat(slots.claimedBefore(clock.instant().plusSeconds(1), 10))
        .extracting(Held::sessionId)
        .containsExactly("s2");
  }

  @Test
  void theSlotsClaimedBeforeAnInstantAreListedOldestFirstWithTheirClaimTime() {
    Instant first = clock.instant();
    slots.claim("acme", "s1", 9, HOUR);
    clock.advance(Duration.ofSeconds(10));
    slots.claim("globex", "s2", 9, HOUR);
    clock.advance(Duration.ofSeconds(10));
    slots.claim("acme", "s3", 9, HOUR);

    assertThat(slots.claimedBefore(clock.instant(), 10))
        .containsExactly(new Held("s1", first), new Held("s2", first.plusSeconds(10)));
    assertThat(slots.claimedBefore(clock.instant(), 1))
        .extracting(Held::sessionId)
        .containsExactly("s1");
  }

  @Test
  void aReleaseRacingAClaimOfTheSameSessionNeverReadsAsAFullQuota() throws Exception {
    ExecutorService threads = Executors.newFixedThreadPool(8);
    try {
      List<Future<List<Outcome>>> runs = new ArrayList<>();
      for (int t = 0; t < 8; t++) {
        runs.add(
            threads.submit(
                () -> {
                  List<Outcome> outcomes = new ArrayList<>();
                  for (int i = 0; i < 100; i++) {
                    outcomes.add(slots.claim("acme", "repeated", 10, HOUR).outcome());
                    slots.release("repeated");
                  }
                  return outcomes;
                }));
      }
      for (Future<List<Outcome>> run : runs) {
        assertThat(run.get()).doesNotContain(Outcome.QUOTA_FULL);
      }
    } finally {
      threads.shutdownNow();
    }
  }

  @Test
  void concurrentClaimsOnTwoInstancesNeverExceedTheQuota() throws Exception {
    List<SessionSlots> instances =
        List.of(new SessionSlots(store, clock), new SessionSlots(store, clock));
    ExecutorService threads = Executors.newFixedThreadPool(8);
    try {
      List<Future<Claim>> claims = new ArrayList<>();
      for (int i = 0; i < 40; i++) {
        SessionSlots instance = instances.get(i % 2);
        String session = "s" + i;
        claims.add(
            threads.submit((Callable<Claim>) () -> instance.claim("acme", session, 5, HOUR)));
      }
      int claimed = 0;
      for (Future<Claim> claim : claims) {
        claimed += claim.get().outcome() == Outcome.CLAIMED ? 1 : 0;
      }
      assertThat(claimed).isEqualTo(5);
      assertThat(slots.running("acme")).isEqualTo(5);
    } finally {
      threads.shutdownNow();
    }
  }
}
