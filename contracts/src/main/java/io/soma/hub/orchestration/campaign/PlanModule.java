package io.soma.hub.orchestration.campaign;

import java.util.List;

/** One module of a campaign plan; it runs once every module it depends on has completed. */
public record PlanModule(
    String id,
    String title,
    String agent,
    List<String> dependencies,
    List<PlanTask> tasks,
    List<String> outputs) {

  public PlanModule {
    dependencies = dependencies == null ? List.of() : List.copyOf(dependencies);
    tasks = tasks == null ? List.of() : List.copyOf(tasks);
    outputs = outputs == null ? List.of() : List.copyOf(outputs);
  }
}
