package io.soma.hub.functions.schedules;

import io.soma.hub.functions.errors.IdempotencyKeyReusedException;
import io.soma.hub.orchestration.schedule.ScheduleIds;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Temporal Schedules in memory for the functions' tests (Temporal's test server has none; the
 * end-to-end test runs the real ones): kept under the same tenant-namespaced ids, so one tenant's
 * lookup cannot reach another's.
 */
final class InMemorySchedules implements TenantSchedules {

  private record Stored(NewSchedule schedule, boolean paused) {}

  private final Map<String, Stored> byTemporalId = new ConcurrentHashMap<>();
  final AtomicInteger creates = new AtomicInteger();
  private volatile RuntimeException failure;

  /** The next creates fail so (null: they succeed). */
  void failCreatesWith(RuntimeException failure) {
    this.failure = failure;
  }

  /**
   * Drops a schedule behind the gateway's back, as a create that failed midway or an operator
   * would.
   */
  void forget(String tenant, String scheduleId) {
    byTemporalId.remove(ScheduleIds.temporalId(tenant, scheduleId));
  }

  @Override
  public boolean create(NewSchedule schedule) {
    if (failure != null) {
      throw failure;
    }
    Stored fresh = new Stored(schedule, false);
    Stored existing =
        byTemporalId.putIfAbsent(
            ScheduleIds.temporalId(schedule.tenant(), schedule.scheduleId()), fresh);
    if (existing == null) {
      creates.incrementAndGet();
      return true;
    }
    if (!existing.schedule().fingerprint().equals(schedule.fingerprint())) {
      throw new IdempotencyKeyReusedException();
    }
    return false;
  }

  @Override
  public Optional<ScheduleView> describe(String tenant, String scheduleId) {
    return Optional.ofNullable(byTemporalId.get(ScheduleIds.temporalId(tenant, scheduleId)))
        .map(InMemorySchedules::view);
  }

  @Override
  public List<SchedulePage.Summary> list(String tenant) {
    List<SchedulePage.Summary> summaries = new ArrayList<>();
    byTemporalId.values().stream()
        .filter(stored -> stored.schedule().tenant().equals(tenant))
        .forEach(
            stored -> {
              NewSchedule s = stored.schedule();
              summaries.add(
                  new SchedulePage.Summary(
                      s.scheduleId(),
                      s.cron(),
                      s.timezone(),
                      stored.paused(),
                      s.createdAt(),
                      null));
            });
    return summaries;
  }

  @Override
  public boolean setPaused(String tenant, String scheduleId, boolean paused) {
    return byTemporalId.computeIfPresent(
            ScheduleIds.temporalId(tenant, scheduleId),
            (id, stored) -> new Stored(stored.schedule(), paused))
        != null;
  }

  @Override
  public boolean delete(String tenant, String scheduleId) {
    return byTemporalId.remove(ScheduleIds.temporalId(tenant, scheduleId)) != null;
  }

  private static ScheduleView view(Stored stored) {
    NewSchedule s = stored.schedule();
    return new ScheduleView(
        s.scheduleId(),
        s.cron(),
        s.timezone(),
        s.run().prompt(),
        stored.paused(),
        s.createdAt(),
        List.of(),
        List.of());
  }
}
