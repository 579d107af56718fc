package io.soma.hub.orchestration.campaign;

import io.temporal.failure.ApplicationFailure;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Checks that a plan's modules form a DAG the workflow can run: unique non-blank ids, bounded
 * tasks, no dependency cycle. A dependency on a module that is not in the plan (review_approval
 * dropped by the wizard) is satisfied.
 */
final class CampaignDag {

  private CampaignDag() {}

  static void check(CampaignPlan plan) {
    Map<String, PlanModule> byId = new LinkedHashMap<>();
    for (PlanModule module : plan.modules()) {
      if (module.id() == null || module.id().isBlank()) {
        throw invalid("a module has no id");
      }
      if (byId.put(module.id(), module) != null) {
        throw invalid("module id '" + module.id() + "' appears twice");
      }
      if (module.tasks().size() > CampaignActivityOptions.MAX_CALLS_PER_MODULE) {
        throw invalid(
            "module '"
                + module.id()
                + "' has more than "
                + CampaignActivityOptions.MAX_CALLS_PER_MODULE
                + " tasks");
      }
    }
    if (plan.channels().size() > CampaignActivityOptions.MAX_CALLS_PER_MODULE) {
      throw invalid(
          "the plan has more than " + CampaignActivityOptions.MAX_CALLS_PER_MODULE + " channels");
    }
    Set<String> done = new HashSet<>();
    for (PlanModule module : plan.modules()) {
      visit(module, byId, done, new HashSet<>());
    }
  }

  private static void visit(
      PlanModule module, Map<String, PlanModule> byId, Set<String> done, Set<String> path) {
    if (done.contains(module.id())) {
      return;
    }
    if (!path.add(module.id())) {
      throw invalid("modules depend on each other in a cycle through '" + module.id() + "'");
    }
    for (String dependency : module.dependencies()) {
      PlanModule upstream = byId.get(dependency);
      if (upstream != null) {
        visit(upstream, byId, done, path);
      }
    }
    path.remove(module.id());
    done.add(module.id());
  }

  static boolean dependenciesMet(PlanModule module, Set<String> plannedIds, Set<String> finished) {
    List<String> dependencies = module.dependencies();
    return dependencies.stream().allMatch(id -> !plannedIds.contains(id) || finished.contains(id));
  }

  private static ApplicationFailure invalid(String reason) {
    return ApplicationFailure.newNonRetryableFailure(
        "The campaign plan cannot run: " + reason, CampaignFailures.INVALID_PLAN);
  }
}
