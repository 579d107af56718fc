package io.soma.hub.wizard;

import io.soma.hub.orchestration.campaign.CampaignPlan;
import io.soma.hub.orchestration.campaign.PlanModule;
import io.soma.hub.orchestration.campaign.PlanTask;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * The execution plan of a completed wizard: the modules whose condition holds, with the answers
 * interpolated into titles, task descriptions and parameters. A module left out hands its
 * dependencies down to the modules that depended on it (without {@code review_approval}, {@code
 * distribution} follows content and design directly).
 */
public final class PlanBuilder {

  static final String UNTITLED = "Untitled Campaign";

  private PlanBuilder() {}

  public static CampaignPlan build(
      WizardDefinition wizard, String sessionId, Map<String, Object> answers) {
    Set<String> questionIds =
        wizard.questions().stream().map(Question::id).collect(Collectors.toSet());
    Interpolation interpolation = new Interpolation(answers, questionIds);

    Map<String, List<String>> effectiveDependencies = new HashMap<>();
    List<PlanModule> modules = new ArrayList<>();
    for (ModuleDefinition module : wizard.modules()) {
      Set<String> dependencies = new LinkedHashSet<>();
      for (String dependency : module.dependencies()) {
        dependencies.addAll(effectiveDependencies.get(dependency));
      }
      if (Conditions.holds(module.condition(), answers)) {
        effectiveDependencies.put(module.id(), List.of(module.id()));
        modules.add(
            new PlanModule(
                module.id(),
                interpolation.text(module.title()),
                module.agent(),
                List.copyOf(dependencies),
                tasks(module, answers, interpolation),
                module.outputs()));
      } else {
        effectiveDependencies.put(module.id(), List.copyOf(dependencies));
      }
    }

    Object campaignName = answers.get("campaign_name");
    Object launchDate = answers.get("launch_date");
    return new CampaignPlan(
        "plan-" + sessionId,
        wizard.id(),
        campaignName == null ? UNTITLED : String.valueOf(campaignName),
        launchDate == null ? null : String.valueOf(launchDate),
        !Boolean.FALSE.equals(answers.get("approval_required")),
        answers.get("channels") instanceof List<?> channels
            ? channels.stream().map(String::valueOf).toList()
            : List.of(),
        answers,
        modules,
        wizard.estimatedDuration().get("total"),
        List.copyOf(
            modules.stream().map(PlanModule::agent).collect(Collectors.toCollection(TreeSet::new))),
        List.copyOf(toolsOf(modules)),
        wizard.successCriteria().stream()
            .filter(criterion -> Conditions.holds(criterion.condition(), answers))
            .map(WizardDefinition.SuccessCriterion::name)
            .toList());
  }

  /**
   * A task with logic becomes one task per branch that holds; the others are interpolated as they
   * are.
   */
  private static List<PlanTask> tasks(
      ModuleDefinition module, Map<String, Object> answers, Interpolation interpolation) {
    List<PlanTask> tasks = new ArrayList<>();
    for (ModuleDefinition.Task task : module.tasks()) {
      if (task.logic().isEmpty()) {
        tasks.add(
            new PlanTask(
                task.action(),
                interpolation.text(task.description()),
                interpolation.params(task.params())));
        continue;
      }
      for (ModuleDefinition.Branch branch : task.logic()) {
        if (Conditions.holds(branch.condition(), answers)) {
          String description =
              branch.description() != null ? branch.description() : task.description();
          tasks.add(
              new PlanTask(
                  branch.action(),
                  interpolation.text(description),
                  interpolation.params(branch.params())));
        }
      }
    }
    return tasks;
  }

  /**
   * The tool of each {@code tool.operation} action, sorted; built-in steps such as chat_completions
   * name none.
   */
  private static Set<String> toolsOf(List<PlanModule> modules) {
    return modules.stream()
        .flatMap(module -> module.tasks().stream())
        .map(PlanTask::action)
        .filter(action -> action.contains("."))
        .map(action -> action.substring(0, action.indexOf('.')))
        .collect(Collectors.toCollection(TreeSet::new));
  }
}
