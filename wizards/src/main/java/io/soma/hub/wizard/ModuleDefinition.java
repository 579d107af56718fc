package io.soma.hub.wizard;

import java.util.List;
import java.util.Map;

/**
 * A module of the execution plan before the answers are known.
 *
 * @param condition an expression over the answers (see {@link Conditions}); the module is only
 *     planned when it holds, or null for always
 */
public record ModuleDefinition(
    String id,
    String title,
    String agent,
    List<String> dependencies,
    String condition,
    List<Task> tasks,
    List<String> outputs) {

  public ModuleDefinition {
    dependencies = List.copyOf(dependencies);
    tasks = List.copyOf(tasks);
    outputs = List.copyOf(outputs);
  }

  /**
   * A task. With {@code logic}, it stands for one task per branch whose condition holds (the
   * branch's action).
   */
  public record Task(
      String action, String description, Map<String, Object> params, List<Branch> logic) {

    public Task {
      params = params == null ? Map.of() : params;
      logic = logic == null ? List.of() : List.copyOf(logic);
    }
  }

  /** {@code if} the condition holds, {@code then} run this action with these params. */
  public record Branch(
      String condition, String action, String description, Map<String, Object> params) {

    public Branch {
      params = params == null ? Map.of() : params;
    }
  }
}
