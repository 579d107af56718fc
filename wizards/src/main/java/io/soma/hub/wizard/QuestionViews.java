package io.soma.hub.wizard;

import io.soma.hub.orchestration.wizard.WizardQuestion;
import java.time.LocalDate;

/** A catalogue question as a client sees it, with relative dates (bounds and default) resolved. */
public final class QuestionViews {

  private QuestionViews() {}

  public static WizardQuestion view(Question question, LocalDate today) {
    Object defaultValue = question.defaultValue();
    if (question.type() == QuestionType.DATE && defaultValue instanceof String expression) {
      defaultValue = RelativeDates.resolve(expression, today).toString();
    }
    return new WizardQuestion(
        question.id(),
        question.step(),
        question.prompt(),
        question.type().wireName(),
        question.required(),
        question.options().stream()
            .map(o -> new WizardQuestion.Option(o.value(), o.label(), o.description(), o.tools()))
            .toList(),
        defaultValue,
        question.placeholder(),
        question.help(),
        question.unit(),
        question.rows(),
        AnswerRules.effective(question, today));
  }
}
