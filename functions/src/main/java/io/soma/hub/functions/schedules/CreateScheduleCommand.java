package io.soma.hub.functions.schedules;

import io.soma.hub.functions.caller.Caller;
import io.soma.hub.functions.http.IdempotencyKeys;

/**
 * Input of the {@code createSchedule} function: the caller, its optional Idempotency-Key, and the
 * body.
 */
public record CreateScheduleCommand(Caller caller, String idempotencyKey, CreateScheduleBody body) {

  public CreateScheduleCommand {
    IdempotencyKeys.check(idempotencyKey);
  }
}
