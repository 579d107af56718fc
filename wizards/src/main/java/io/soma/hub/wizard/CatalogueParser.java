package io.soma.hub.wizard;

import io.soma.hub.wizard.ModuleDefinition.Branch;
import io.soma.hub.wizard.ModuleDefinition.Task;
import io.soma.hub.wizard.WizardDefinition.SuccessCriterion;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * Reads a wizard definition from YAML (safe constructor: plain maps, lists and scalars only) and
 * checks that it is coherent, so a broken catalogue fails at startup rather than in the middle of a
 * user's wizard.
 */
final class CatalogueParser {

  private CatalogueParser() {}

  static WizardDefinition parse(InputStream yaml, String source) {
    Object root;
    try (yaml) {
      root = new Yaml(new SafeConstructor(new LoaderOptions())).load(yaml);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + source, e);
    }
    try {
      return definition(map(root, "the document"));
    } catch (RuntimeException e) {
      throw new IllegalStateException(
          "wizard catalogue " + source + " is invalid: " + e.getMessage(), e);
    }
  }

  private static WizardDefinition definition(Map<String, Object> yaml) {
    List<Question> questions =
        list(yaml.get("questions"), "questions").stream()
            .map(q -> question(map(q, "question")))
            .toList();
    List<ModuleDefinition> modules =
        list(yaml.get("modules"), "modules").stream().map(m -> module(map(m, "module"))).toList();
    WizardDefinition definition =
        new WizardDefinition(
            text(yaml, "wizard_id"),
            text(yaml, "title"),
            optionalText(yaml, "description"),
            optionalText(yaml, "version"),
            mapList(yaml.get("agents")),
            questions,
            modules,
            mapList(yaml.get("validation")),
            yaml.get("tool_recommendations") == null
                ? Map.of()
                : map(yaml.get("tool_recommendations"), "tool_recommendations"),
            successCriteria(yaml.get("success_criteria")),
            durations(yaml.get("estimated_duration")));
    checkCoherent(definition);
    return definition;
  }

  private static Question question(Map<String, Object> yaml) {
    List<Question.Option> options =
        list(yaml.get("options"), "options").stream()
            .map(o -> map(o, "option"))
            .map(
                o ->
                    new Question.Option(
                        text(o, "value"),
                        optionalText(o, "label"),
                        optionalText(o, "description"),
                        strings(o.get("tools"))))
            .toList();
    return new Question(
        text(yaml, "id"),
        (Integer) yaml.get("step"),
        text(yaml, "prompt"),
        QuestionType.of(text(yaml, "type")),
        !Boolean.FALSE.equals(yaml.get("required")),
        options,
        yaml.get("default"),
        optionalText(yaml, "placeholder"),
        optionalText(yaml, "help"),
        optionalText(yaml, "unit"),
        (Integer) yaml.get("rows"),
        (Integer) yaml.get("min_selections"),
        yaml.get("validation") == null ? Map.of() : map(yaml.get("validation"), "validation"));
  }

  private static ModuleDefinition module(Map<String, Object> yaml) {
    List<Task> tasks =
        list(yaml.get("tasks"), "tasks").stream()
            .map(t -> map(t, "task"))
            .map(
                t ->
                    new Task(
                        text(t, "action"),
                        optionalText(t, "description"),
                        params(t.get("params")),
                        branches(t.get("logic"))))
            .toList();
    return new ModuleDefinition(
        text(yaml, "id"),
        text(yaml, "title"),
        text(yaml, "agent"),
        strings(yaml.get("dependencies")),
        optionalText(yaml, "condition"),
        tasks,
        strings(yaml.get("outputs")));
  }

  private static List<Branch> branches(Object logic) {
    return list(logic, "logic").stream()
        .map(b -> map(b, "logic branch"))
        .map(
            b ->
                new Branch(
                    text(b, "if"),
                    text(b, "then"),
                    optionalText(b, "description"),
                    params(b.get("params"))))
        .toList();
  }

  /** {@code - name: true} entries, each with an optional {@code condition}. */
  private static List<SuccessCriterion> successCriteria(Object yaml) {
    List<SuccessCriterion> criteria = new ArrayList<>();
    for (Object entry : list(yaml, "success_criteria")) {
      Map<String, Object> criterion = map(entry, "success criterion");
      String condition = optionalText(criterion, "condition");
      criterion.forEach(
          (name, value) -> {
            if (!name.equals("condition") && Boolean.TRUE.equals(value)) {
              criteria.add(new SuccessCriterion(name, condition));
            }
          });
    }
    return criteria;
  }

  private static Map<String, String> durations(Object yaml) {
    Map<String, String> durations = new LinkedHashMap<>();
    if (yaml != null) {
      map(yaml, "estimated_duration").forEach((k, v) -> durations.put(k, String.valueOf(v)));
    }
    return durations;
  }

  private static void checkCoherent(WizardDefinition definition) {
    Set<String> ids = new HashSet<>();
    for (int i = 0; i < definition.questions().size(); i++) {
      Question question = definition.questions().get(i);
      if (question.step() != i + 1) {
        throw new IllegalArgumentException(
            "question steps must be 1.." + definition.totalSteps() + " without gaps");
      }
      if (!ids.add(question.id())) {
        throw new IllegalArgumentException("question id " + question.id() + " is used twice");
      }
      boolean choice =
          question.type() == QuestionType.SELECT || question.type() == QuestionType.MULTI_SELECT;
      if (choice == question.options().isEmpty()) {
        throw new IllegalArgumentException(
            "question " + question.id() + ": only select types have options");
      }
    }
    Set<String> modules = new HashSet<>();
    definition
        .successCriteria()
        .forEach(criterion -> Conditions.holds(criterion.condition(), Map.of()));
    for (ModuleDefinition module : definition.modules()) {
      Conditions.holds(module.condition(), Map.of());
      module
          .tasks()
          .forEach(
              task ->
                  task.logic().forEach(branch -> Conditions.holds(branch.condition(), Map.of())));
      if (!modules.containsAll(module.dependencies())) {
        throw new IllegalArgumentException(
            "module "
                + module.id()
                + " depends on a module that is not defined before it: "
                + module.dependencies());
      }
      if (!modules.add(module.id())) {
        throw new IllegalArgumentException("module id " + module.id() + " is used twice");
      }
    }
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> map(Object value, String what) {
    if (value instanceof Map<?, ?> map) {
      return (Map<String, Object>) map;
    }
    throw new IllegalArgumentException(what + " must be a mapping");
  }

  private static List<Object> list(Object value, String what) {
    if (value == null) {
      return List.of();
    }
    if (value instanceof List<?> list) {
      return List.copyOf(list);
    }
    throw new IllegalArgumentException(what + " must be a list");
  }

  private static List<Map<String, Object>> mapList(Object value) {
    return list(value, "section").stream().map(entry -> map(entry, "entry")).toList();
  }

  private static List<String> strings(Object value) {
    return list(value, "list").stream().map(String::valueOf).toList();
  }

  private static Map<String, Object> params(Object value) {
    return value == null ? Map.of() : map(value, "params");
  }

  private static String text(Map<String, Object> yaml, String key) {
    Object value = yaml.get(key);
    if (value == null) {
      throw new IllegalArgumentException("'" + key + "' is required");
    }
    return String.valueOf(value);
  }

  private static String optionalText(Map<String, Object> yaml, String key) {
    Object value = yaml.get(key);
    return value == null ? null : String.valueOf(value);
  }
}
