package io.soma.hub.orchestration.schedule;

import java.util.List;

/**
 * What a schedule's every run is started with, fixed when the schedule is created: the creator's
 * tenant, subject and capabilities (from the verified token, as a session's are) and the prompt,
 * moderated once then.
 */
public record ScheduledSessionRequest(
    String scheduleId, String tenant, String subject, List<String> capabilities, String prompt) {

  public ScheduledSessionRequest {
    capabilities = capabilities == null ? List.of() : List.copyOf(capabilities);
  }
}
