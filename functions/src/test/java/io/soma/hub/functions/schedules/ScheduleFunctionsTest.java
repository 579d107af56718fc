package io.soma.hub.functions.schedules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.soma.hub.functions.caller.Caller;
import io.soma.hub.functions.caller.Capabilities;
import io.soma.hub.functions.errors.ConflictException;
import io.soma.hub.functions.errors.IdempotencyKeyReusedException;
import io.soma.hub.functions.errors.InvalidInputException;
import io.soma.hub.functions.errors.NotFoundException;
import io.soma.hub.functions.errors.RefusedException;
import io.soma.hub.functions.errors.UnavailableException;
import io.soma.hub.functions.moderation.ModerationGuard;
import io.soma.hub.functions.moderation.ModerationMetrics;
import io.soma.hub.functions.moderation.ModerationRules;
import io.soma.hub.store.EmbeddedStore;
import io.soma.hub.store.ModerationStrikes;
import io.soma.hub.store.ScheduleSeats;
import io.soma.hub.store.SettableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * The schedule functions as plain Java, on the real store's seats and moderation, with schedules in
 * memory.
 */
class ScheduleFunctionsTest {

  private static final int LIMIT = 3;

  private final SettableClock clock = new SettableClock(Instant.parse("2026-12-07T08:00:00Z"));
  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final ModerationGuard moderation =
      new ModerationGuard(
          ModerationRules.parse("malware", 1),
          new ModerationStrikes(EmbeddedStore.migrated(), clock, Duration.ofHours(24)),
          new ModerationMetrics(registry));
  private final InMemorySchedules schedules = new InMemorySchedules();
  private final ScheduleSeats seats = new ScheduleSeats(EmbeddedStore.migrated(), clock);
  private final ScheduleLimit limit = new ScheduleLimit(seats, LIMIT, schedules, clock);
  private final CreateSchedule create = new CreateSchedule(moderation, limit, schedules, clock);
  private final GetSchedule get = new GetSchedule(schedules);
  private final ListSchedules list = new ListSchedules(schedules);
  private final PauseSchedule pause = new PauseSchedule(schedules, true);
  private final PauseSchedule unpause = new PauseSchedule(schedules, false);
  private final DeleteSchedule delete = new DeleteSchedule(schedules, limit);

  private final Caller ann =
      new Caller("acme", "ann", Set.of(Capabilities.SCHEDULES_WRITE, Capabilities.SCHEDULES_READ));
  private final Caller eve =
      new Caller(
          "globex", "eve", Set.of(Capabilities.SCHEDULES_WRITE, Capabilities.SCHEDULES_READ));

  private static CreateScheduleBody body(String prompt) {
    return new CreateScheduleBody("*/30 * * * *", prompt, "Europe/Paris");
  }

  private String created(Caller caller, String prompt) {
    ScheduleCreated created = create.apply(new CreateScheduleCommand(caller, null, body(prompt)));
    assertThat(created.replayed()).isFalse();
    return created.scheduleId();
  }

  @Test
  void aScheduleIsCreatedReadListedPausedUnpausedAndDeleted() {
    String id = created(ann, "Summarize the new tickets");

    ScheduleView view = get.apply(new ScheduleLookup(ann, id));
    assertThat(view.cron()).isEqualTo("*/30 * * * *");
    assertThat(view.timezone()).isEqualTo("Europe/Paris");
    assertThat(view.prompt()).isEqualTo("Summarize the new tickets");
    assertThat(view.createdAt()).isEqualTo("2026-12-07T08:00:00Z");
    assertThat(list.apply(new ScheduleListing(ann)).schedules())
        .extracting(SchedulePage.Summary::scheduleId)
        .containsExactly(id);

    assertThat(pause.apply(new ScheduleLookup(ann, id))).isEqualTo(new ScheduleState(id, true));
    assertThat(pause.apply(new ScheduleLookup(ann, id)))
        .as("again")
        .isEqualTo(new ScheduleState(id, true));
    assertThat(get.apply(new ScheduleLookup(ann, id)).paused()).isTrue();
    assertThat(unpause.apply(new ScheduleLookup(ann, id))).isEqualTo(new ScheduleState(id, false));

    assertThat(delete.apply(new ScheduleLookup(ann, id))).isEqualTo(new ScheduleDeleted(id));
    assertThatThrownBy(() -> get.apply(new ScheduleLookup(ann, id)))
        .isInstanceOf(NotFoundException.class);
    assertThatThrownBy(() -> delete.apply(new ScheduleLookup(ann, id)))
        .isInstanceOf(NotFoundException.class);
    assertThat(seats.held("acme")).isEmpty();
  }

  @Test
  void anotherTenantFindsNothingOfIt() {
    String id = created(ann, "acme's own");

    for (var function : List.of(get, pause, unpause, delete)) {
      assertThatThrownBy(
              () ->
                  ((java.util.function.Function<ScheduleLookup, ?>) function)
                      .apply(new ScheduleLookup(eve, id)))
          .isInstanceOf(NotFoundException.class)
          .hasMessage("no such schedule");
    }
    assertThat(list.apply(new ScheduleListing(eve)).schedules()).isEmpty();
    assertThat(get.apply(new ScheduleLookup(ann, id)).paused()).as("untouched").isFalse();
  }

  @Test
  void anIdOutsideTheGrammarNamesNoSchedule() {
    for (String id :
        List.of(
            "",
            "x",
            "../../v1/sessions",
            "00000000-0000-0000-0000-00000000000G",
            "AAAAAAAA-0000-0000-0000-000000000000",
            "0".repeat(10_000))) {
      assertThatThrownBy(() -> get.apply(new ScheduleLookup(ann, id)))
          .isInstanceOf(NotFoundException.class);
      assertThatThrownBy(() -> delete.apply(new ScheduleLookup(ann, id)))
          .isInstanceOf(NotFoundException.class);
    }
  }

  @Test
  void aTenantHasAtMostItsLimitAndADeletedOneFreesItsPlace() {
    List<String> ids =
        IntStream.range(0, LIMIT).mapToObj(i -> created(ann, "report " + i)).toList();

    assertThatThrownBy(() -> created(ann, "one too many"))
        .isInstanceOfSatisfying(
            ConflictException.class,
            conflict ->
                assertThat(conflict.details())
                    .containsEntry("limit", "schedules")
                    .containsEntry("capacity", LIMIT));
    assertThat(created(eve, "another tenant's first")).isNotNull();

    delete.apply(new ScheduleLookup(ann, ids.get(0)));
    assertThat(created(ann, "in the freed place")).isNotNull();
    assertThat(schedules.creates.get()).isEqualTo(LIMIT + 2);
  }

  @Test
  void concurrentCreatesNeverExceedTheLimit() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Callable<Boolean>> creates =
          IntStream.range(0, 20)
              .<Callable<Boolean>>mapToObj(
                  i ->
                      () -> {
                        try {
                          created(ann, "race " + i);
                          return true;
                        } catch (ConflictException atTheLimit) {
                          return false;
                        }
                      })
              .toList();
      long made = pool.invokeAll(creates).stream().filter(ScheduleFunctionsTest::join).count();

      assertThat(made).isEqualTo(LIMIT);
      assertThat(list.apply(new ScheduleListing(ann)).schedules()).hasSize(LIMIT);
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void theSameIdempotencyKeyGivesTheSameScheduleOnce() {
    CreateScheduleCommand command =
        new CreateScheduleCommand(ann, "nightly-report", body("Nightly report"));

    ScheduleCreated first = create.apply(command);
    ScheduleCreated again = create.apply(command);

    assertThat(again.scheduleId()).isEqualTo(first.scheduleId());
    assertThat(again.replayed()).isTrue();
    assertThat(schedules.creates.get()).isOne();
    assertThat(seats.held("acme")).hasSize(1);
    assertThatThrownBy(
            () ->
                create.apply(
                    new CreateScheduleCommand(ann, "nightly-report", body("Another prompt"))))
        .isInstanceOf(IdempotencyKeyReusedException.class);
    assertThat(seats.held("acme")).as("the first request's seat stays").hasSize(1);
    assertThat(
            create
                .apply(new CreateScheduleCommand(eve, "nightly-report", body("Nightly report")))
                .scheduleId())
        .as("the key is the tenant's")
        .isNotEqualTo(first.scheduleId());
  }

  @Test
  void aRepeatAtTheLimitIsStillTheSameSchedule() {
    CreateScheduleCommand command = new CreateScheduleCommand(ann, "k", body("first"));
    String id = create.apply(command).scheduleId();
    created(ann, "second");
    created(ann, "third");

    assertThat(create.apply(command).scheduleId()).isEqualTo(id);
  }

  @Test
  void aBlockedPromptCreatesNothing() {
    assertThatThrownBy(() -> created(ann, "write malware every morning"))
        .isInstanceOfSatisfying(
            RefusedException.class,
            refused ->
                assertThat(refused.details()).containsEntry("flagged_terms", List.of("malware")));
    assertThat(schedules.creates.get()).isZero();
    assertThat(seats.held("acme")).isEmpty();
  }

  @Test
  void aFailedCreateGivesItsSeatBack() {
    schedules.failCreatesWith(
        new UnavailableException("the orchestrator is unavailable; retry later"));

    assertThatThrownBy(() -> created(ann, "never made")).isInstanceOf(UnavailableException.class);
    assertThat(seats.held("acme")).isEmpty();
    schedules.failCreatesWith(
        new InvalidInputException("timezone", "is not a time zone the orchestrator knows"));
    assertThatThrownBy(() -> created(ann, "never made")).isInstanceOf(InvalidInputException.class);
    assertThat(seats.held("acme")).isEmpty();
  }

  @Test
  void aSeatWhoseScheduleIsGoneIsFreedAtTheLimit() {
    List<String> ids =
        IntStream.range(0, LIMIT).mapToObj(i -> created(ann, "report " + i)).toList();
    schedules.forget("acme", ids.get(1));

    assertThatThrownBy(() -> created(ann, "too soon to tell"))
        .isInstanceOf(ConflictException.class);
    clock.advance(ScheduleLimit.GRACE.plusSeconds(1));
    String replacement = created(ann, "after the grace");

    assertThat(seats.held("acme"))
        .extracting(ScheduleSeats.Held::scheduleId)
        .containsExactlyInAnyOrder(ids.get(0), ids.get(2), replacement);
  }

  private static boolean join(Future<Boolean> future) {
    try {
      return future.get();
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }
}
