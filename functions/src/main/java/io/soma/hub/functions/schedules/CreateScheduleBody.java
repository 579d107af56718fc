package io.soma.hub.functions.schedules;

import io.soma.hub.functions.errors.InvalidInputException;
import io.soma.hub.functions.sessions.CreateSessionBody;

/**
 * The body of {@code POST /v1/schedules}. Every rule is checked here, so an invalid body creates
 * nothing; the time zone, when absent, is {@link ScheduleZones#DEFAULT}.
 */
public record CreateScheduleBody(String cron, String prompt, String timezone) {

  public CreateScheduleBody {
    if (cron == null) {
      throw new InvalidInputException("cron", "is required");
    }
    CronExpression.parse(cron);
    // Every run starts a session with it.
    CreateSessionBody.checkPrompt(prompt);
    timezone = ScheduleZones.grammar(timezone);
  }
}
