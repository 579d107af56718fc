package io.soma.hub.wizard;

/** An answer that breaks a rule of its question; nothing is recorded. */
public class AnswerRejected extends RuntimeException {

  private final String questionId;
  private final String rule;

  public AnswerRejected(String questionId, String rule, String message) {
    super(message);
    this.questionId = questionId;
    this.rule = rule;
  }

  public String questionId() {
    return questionId;
  }

  /**
   * The rule's name as in the catalogue's validation ({@code max_length}, {@code options}, {@code
   * type}...).
   */
  public String rule() {
    return rule;
  }
}
