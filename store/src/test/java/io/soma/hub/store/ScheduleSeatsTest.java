package io.soma.hub.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.soma.hub.store.ScheduleSeats.Held;
import io.soma.hub.store.ScheduleSeats.Outcome;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class ScheduleSeatsTest {

  private final SettableClock clock = new SettableClock(Instant.parse("2026-12-06T10:00:00Z"));
  private final ScheduleSeats seats = new ScheduleSeats(EmbeddedStore.migrated(), clock);

  @Test
  void aTenantTakesSeatsUpToItsLimitAndAFreedSeatIsTakenAgain() {
    assertThat(seats.claim("acme", "a", 2)).isEqualTo(Outcome.CLAIMED);
    clock.advance(java.time.Duration.ofSeconds(1));
    assertThat(seats.claim("acme", "b", 2)).isEqualTo(Outcome.CLAIMED);
    assertThat(seats.claim("acme", "c", 2)).isEqualTo(Outcome.FULL);
    assertThat(seats.claim("globex", "d", 2)).as("another tenant").isEqualTo(Outcome.CLAIMED);

    assertThat(seats.release("a")).isTrue();
    assertThat(seats.release("a")).isFalse();
    clock.advance(java.time.Duration.ofSeconds(1));
    assertThat(seats.claim("acme", "c", 2)).isEqualTo(Outcome.CLAIMED);
    assertThat(seats.held("acme")).extracting(Held::scheduleId).containsExactly("b", "c");
  }

  @Test
  void aScheduleThatHoldsASeatTakesNoSecondOneEvenWhenFull() {
    seats.claim("acme", "a", 1);

    assertThat(seats.claim("acme", "a", 1)).isEqualTo(Outcome.ALREADY_HELD);
    assertThat(seats.held("acme")).hasSize(1);
  }

  @Test
  void aLoweredLimitRefusesNewSchedulesUntilTheTenantIsUnderIt() {
    seats.claim("acme", "a", 3);
    seats.claim("acme", "b", 3);
    seats.claim("acme", "c", 3);
    seats.release("a");

    assertThat(seats.claim("acme", "d", 2))
        .as("seat 0 is free, but two are held")
        .isEqualTo(Outcome.FULL);
    seats.release("b");
    assertThat(seats.claim("acme", "d", 2)).isEqualTo(Outcome.CLAIMED);
  }

  @Test
  void concurrentCreatesNeverTakeMoreSeatsThanTheLimit() throws Exception {
    List<Outcome> outcomes = atOnce(24, i -> seats.claim("acme", "s" + i, 5));

    assertThat(outcomes).filteredOn(o -> o == Outcome.CLAIMED).hasSize(5);
    assertThat(outcomes).filteredOn(o -> o == Outcome.FULL).hasSize(19);
    assertThat(seats.held("acme")).hasSize(5);
  }

  @Test
  void concurrentRepeatsOfOneCreateTakeOneSeat() throws Exception {
    List<Outcome> outcomes = atOnce(6, i -> seats.claim("acme", "same", 5));

    assertThat(outcomes).filteredOn(o -> o == Outcome.CLAIMED).hasSize(1);
    assertThat(outcomes).filteredOn(o -> o == Outcome.ALREADY_HELD).hasSize(5);
    assertThat(seats.held("acme")).hasSize(1);
  }

  /** The claims, {@code count} of them on as many threads at once. */
  private static List<Outcome> atOnce(int count, java.util.function.IntFunction<Outcome> claim)
      throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(count);
    try {
      List<Callable<Outcome>> claims =
          IntStream.range(0, count).<Callable<Outcome>>mapToObj(i -> () -> claim.apply(i)).toList();
      return pool.invokeAll(claims).stream().map(ScheduleSeatsTest::join).toList();
    } finally {
      pool.shutdownNow();
    }
  }

  private static Outcome join(Future<Outcome> future) {
    try {
      return future.get();
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }
}
