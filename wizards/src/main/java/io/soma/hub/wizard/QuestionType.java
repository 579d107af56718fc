package io.soma.hub.wizard;

import java.util.Arrays;

/** The question types of the catalogue, by their name in the YAML and on the wire. */
public enum QuestionType {
  TEXT("text"),
  LONG_TEXT("long_text"),
  MULTI_TEXT("multi_text"),
  SELECT("select"),
  MULTI_SELECT("multi_select"),
  DATE("date"),
  NUMBER("number"),
  BOOLEAN("boolean");

  private final String wireName;

  QuestionType(String wireName) {
    this.wireName = wireName;
  }

  public String wireName() {
    return wireName;
  }

  static QuestionType of(String name) {
    return Arrays.stream(values())
        .filter(type -> type.wireName.equals(name))
        .findFirst()
        .orElseThrow(() -> new IllegalArgumentException("unknown question type '" + name + "'"));
  }
}
