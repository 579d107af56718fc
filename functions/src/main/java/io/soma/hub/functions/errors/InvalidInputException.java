package io.soma.hub.functions.errors;

/** A request field breaks a rule; the answer names both. */
public class InvalidInputException extends RuntimeException {

  private final String field;
  private final String rule;

  public InvalidInputException(String field, String rule) {
    super(field + ": " + rule);
    this.field = field;
    this.rule = rule;
  }

  public String field() {
    return field;
  }

  public String rule() {
    return rule;
  }
}
