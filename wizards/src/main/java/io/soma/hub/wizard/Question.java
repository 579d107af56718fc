package io.soma.hub.wizard;

import java.util.List;
import java.util.Map;

/**
 * One question of a wizard, as the catalogue defines it.
 *
 * @param validation the catalogue's rules (min_length, max_length, min, max, min_date, max_date,
 *     max_items, max_item_length); {@link AnswerRules} fills in a sane bound for every rule the
 *     catalogue leaves out
 * @param minSelections for multi_select, or null
 */
public record Question(
    String id,
    int step,
    String prompt,
    QuestionType type,
    boolean required,
    List<Option> options,
    Object defaultValue,
    String placeholder,
    String help,
    String unit,
    Integer rows,
    Integer minSelections,
    Map<String, Object> validation) {

  public Question {
    options = options == null ? List.of() : List.copyOf(options);
    validation = validation == null ? Map.of() : Map.copyOf(validation);
  }

  public record Option(String value, String label, String description, List<String> tools) {

    public Option {
      tools = tools == null ? List.of() : List.copyOf(tools);
    }
  }

  public boolean hasOption(String value) {
    return options.stream().anyMatch(option -> option.value().equals(value));
  }
}
