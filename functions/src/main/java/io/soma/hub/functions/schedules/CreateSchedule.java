package io.soma.hub.functions.schedules;

import io.soma.hub.functions.caller.Caller;
import io.soma.hub.functions.moderation.ModerationGuard;
import io.soma.hub.functions.moderation.ModerationVerdict;
import io.soma.hub.functions.sessions.Fingerprints;
import io.soma.hub.orchestration.schedule.ScheduleIds;
import io.soma.hub.orchestration.schedule.ScheduledSessionRequest;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.function.Function;

/**
 * {@code createSchedule}: moderation of the prompt (once: every run starts a session with it as
 * moderated here), then a seat of the tenant's schedule limit, then the Temporal Schedule is
 * created (or found again, for a repeated Idempotency-Key). The runs start sessions as the creator:
 * its tenant, subject and capabilities.
 */
public class CreateSchedule implements Function<CreateScheduleCommand, ScheduleCreated> {

  private final ModerationGuard moderation;
  private final ScheduleLimit limit;
  private final TenantSchedules schedules;
  private final Clock clock;

  public CreateSchedule(
      ModerationGuard moderation, ScheduleLimit limit, TenantSchedules schedules, Clock clock) {
    this.moderation = moderation;
    this.limit = limit;
    this.schedules = schedules;
    this.clock = clock;
  }

  @Override
  public ScheduleCreated apply(CreateScheduleCommand command) {
    Caller caller = command.caller();
    CreateScheduleBody body = command.body();
    ScheduleZones.known(body.timezone());
    ModerationVerdict verdict = moderation.evaluate(caller, body.prompt());
    if (!verdict.allowed()) {
      throw verdict.refusal();
    }
    String scheduleId =
        command.idempotencyKey() == null
            ? ScheduleIds.newScheduleId()
            : ScheduleIds.fromIdempotencyKey(caller.tenant(), command.idempotencyKey());
    ScheduledSessionRequest run =
        new ScheduledSessionRequest(
            scheduleId,
            caller.tenant(),
            caller.subject(),
            List.copyOf(caller.capabilities()),
            body.prompt());
    String fingerprint =
        Fingerprints.sha256Hex(body.cron() + "\n" + body.timezone() + "\n" + body.prompt());
    ScheduleLimit.Seat seat = limit.claim(caller.tenant(), scheduleId);
    boolean created;
    try {
      created =
          schedules.create(
              new TenantSchedules.NewSchedule(
                  scheduleId,
                  body.cron(),
                  body.timezone(),
                  run,
                  fingerprint,
                  Instant.now(clock).toString()));
    } catch (RuntimeException e) {
      seat.giveBack();
      throw e;
    }
    return new ScheduleCreated(scheduleId, !created);
  }
}
