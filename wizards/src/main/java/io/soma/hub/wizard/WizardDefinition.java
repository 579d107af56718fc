package io.soma.hub.wizard;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One wizard of the catalogue: its questions (ordered by step), the modules of the plan it
 * produces, and the plan's descriptive sections.
 *
 * @param successCriteria each criterion with the condition under which it applies (null for always)
 * @param estimatedDuration per module and {@code total}
 */
public record WizardDefinition(
    String id,
    String title,
    String description,
    String version,
    List<Map<String, Object>> agents,
    List<Question> questions,
    List<ModuleDefinition> modules,
    List<Map<String, Object>> validation,
    Map<String, Object> toolRecommendations,
    List<SuccessCriterion> successCriteria,
    Map<String, String> estimatedDuration) {

  public WizardDefinition {
    questions = questions.stream().sorted(Comparator.comparingInt(Question::step)).toList();
  }

  public record SuccessCriterion(String name, String condition) {}

  public int totalSteps() {
    return questions.size();
  }

  public Optional<Question> questionAt(int step) {
    return questions.stream().filter(question -> question.step() == step).findFirst();
  }

  public Optional<Question> question(String id) {
    return questions.stream().filter(question -> question.id().equals(id)).findFirst();
  }
}
