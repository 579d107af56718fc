package io.soma.hub.functions.schedules;

import io.soma.hub.functions.errors.InvalidInputException;
import io.soma.hub.functions.http.Characters;

/**
 * The body of {@code POST /v1/schedules}. Every rule is checked here, so an invalid body creates
 * nothing; the time zone, when absent, is {@link ScheduleZones#DEFAULT}.
 */
public record CreateScheduleBody(String cron, String prompt, String timezone) {

  /** As a session's prompt: every run starts a session with it. */
  static final int MAX_PROMPT_CHARS = 16_000;

  public CreateScheduleBody {
    if (cron == null) {
      throw new InvalidInputException("cron", "is required");
    }
    CronExpression.parse(cron);
    if (prompt == null) {
      throw new InvalidInputException("prompt", "is required");
    }
    if (!Characters.nonBlankWithin(prompt, MAX_PROMPT_CHARS)) {
      throw new InvalidInputException(
          "prompt",
          "must be 1 to "
              + MAX_PROMPT_CHARS
              + " characters and not blank (got "
              + Characters.count(prompt)
              + ")");
    }
    timezone = ScheduleZones.grammar(timezone);
  }
}
