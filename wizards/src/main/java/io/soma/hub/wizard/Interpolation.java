package io.soma.hub.wizard;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Puts the answers into the plan's texts and parameters. In a string, {@code {id}} becomes the
 * answer as text (a list joined with ", ", booleans as true/false, a skipped answer as empty); a
 * parameter or list item that is exactly {@code {id}} becomes the raw answer. Placeholders that
 * name no question of the wizard are left alone: they name outputs of earlier modules, which the
 * campaign resolves.
 */
final class Interpolation {

  private static final Pattern PLACEHOLDER = Pattern.compile("\\{([a-z_][a-z0-9_]*)}");

  private final Map<String, Object> answers;
  private final Set<String> questionIds;

  Interpolation(Map<String, Object> answers, Set<String> questionIds) {
    this.answers = answers;
    this.questionIds = questionIds;
  }

  String text(String template) {
    if (template == null) {
      return null;
    }
    Matcher matcher = PLACEHOLDER.matcher(template);
    StringBuilder out = new StringBuilder();
    while (matcher.find()) {
      String id = matcher.group(1);
      String replacement = questionIds.contains(id) ? render(answers.get(id)) : matcher.group();
      matcher.appendReplacement(out, Matcher.quoteReplacement(replacement));
    }
    matcher.appendTail(out);
    return out.toString();
  }

  Object value(Object template) {
    if (template instanceof String text) {
      Matcher whole = PLACEHOLDER.matcher(text.strip());
      if (whole.matches() && questionIds.contains(whole.group(1))) {
        return answers.get(whole.group(1));
      }
      return text(text);
    }
    if (template instanceof Map<?, ?> map) {
      Map<String, Object> out = new LinkedHashMap<>();
      map.forEach((key, value) -> out.put(String.valueOf(key), value(value)));
      return out;
    }
    if (template instanceof List<?> list) {
      return list.stream().map(this::value).toList();
    }
    return template;
  }

  @SuppressWarnings("unchecked")
  Map<String, Object> params(Map<String, Object> params) {
    return (Map<String, Object>) value(params);
  }

  static String render(Object answer) {
    if (answer == null) {
      return "";
    }
    if (answer instanceof List<?> list) {
      return String.join(", ", list.stream().map(Interpolation::render).toList());
    }
    return String.valueOf(answer);
  }
}
