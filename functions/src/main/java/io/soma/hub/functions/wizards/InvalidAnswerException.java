package io.soma.hub.functions.wizards;

import io.soma.hub.functions.errors.InvalidInputException;

/**
 * An answer that breaks a rule of the wizard's current question; the problem names the question and
 * the rule.
 */
public class InvalidAnswerException extends InvalidInputException {

  private final String question;
  private final String detail;

  public InvalidAnswerException(String question, String rule, String detail) {
    super("value", rule);
    this.question = question;
    this.detail = detail;
  }

  public String question() {
    return question;
  }

  @Override
  public String getMessage() {
    return detail;
  }
}
