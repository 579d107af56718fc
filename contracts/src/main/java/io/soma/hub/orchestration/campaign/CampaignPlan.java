package io.soma.hub.orchestration.campaign;

import java.util.List;
import java.util.Map;

/**
 * The execution plan a completed wizard produces and the marketing campaign workflow runs: the
 * wizard's modules with the answers interpolated into their titles, task descriptions and
 * parameters.
 *
 * @param answers the wizard's answers by question id, as JSON values (String, Number, Boolean,
 *     List)
 */
public record CampaignPlan(
    String planId,
    String wizardId,
    String campaignName,
    String launchDate,
    boolean approvalRequired,
    List<String> channels,
    Map<String, Object> answers,
    List<PlanModule> modules,
    String estimatedDuration,
    List<String> agentsRequired,
    List<String> toolsRequired,
    List<String> successCriteria) {

  public CampaignPlan {
    channels = channels == null ? List.of() : List.copyOf(channels);
    answers = answers == null ? Map.of() : answers;
    modules = modules == null ? List.of() : List.copyOf(modules);
    agentsRequired = agentsRequired == null ? List.of() : List.copyOf(agentsRequired);
    toolsRequired = toolsRequired == null ? List.of() : List.copyOf(toolsRequired);
    successCriteria = successCriteria == null ? List.of() : List.copyOf(successCriteria);
  }
}
