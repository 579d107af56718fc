package io.soma.hub.orchestration.wizard;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;

/**
 * A question as a client sees it. {@code validation} holds the effective rules, with relative dates
 * already resolved (for example {@code max_date} as an ISO date).
 *
 * @param defaultValue the suggested answer ({@code default} on the wire), or null
 */
public record WizardQuestion(
    String id,
    int step,
    String prompt,
    String type,
    boolean required,
    List<Option> options,
    @JsonProperty("default") Object defaultValue,
    String placeholder,
    String help,
    String unit,
    Integer rows,
    Map<String, Object> validation) {

  public record Option(String value, String label, String description, List<String> tools) {}
}
