package io.soma.hub.orchestration.campaign;

import java.util.List;
import java.util.Map;

/**
 * What a module's activity gets: the campaign, the module of the plan, the outputs of the modules
 * completed so far and, for distribution, the content overrides received through {@code
 * update_content}.
 */
public record ModuleInput(
    String campaignId,
    String tenant,
    String subject,
    String campaignName,
    String launchDate,
    List<String> channels,
    Map<String, Object> answers,
    PlanModule module,
    Map<String, Map<String, Object>> upstream,
    Map<String, String> contentOverrides) {

  public ModuleInput {
    channels = channels == null ? List.of() : channels;
    answers = answers == null ? Map.of() : answers;
    upstream = upstream == null ? Map.of() : upstream;
    contentOverrides = contentOverrides == null ? Map.of() : contentOverrides;
  }

  /**
   * A deterministic tool request id: the same module task of the same campaign is the same request.
   */
  public String requestId(String part) {
    return campaignId + ":" + module.id() + ":" + part;
  }

  public Map<String, Object> outputsOf(String moduleId) {
    return upstream.getOrDefault(moduleId, Map.of());
  }

  public String answer(String questionId) {
    Object value = answers.get(questionId);
    if (value instanceof List<?> list) {
      return String.join(", ", list.stream().map(String::valueOf).toList());
    }
    return value == null ? "" : String.valueOf(value);
  }
}
