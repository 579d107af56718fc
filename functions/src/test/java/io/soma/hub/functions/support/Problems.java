package io.soma.hub.functions.support;

import static org.assertj.core.api.Assertions.assertThat;

import io.soma.hub.functions.support.HttpCalls.Answer;

/**
 * The assertion every HTTP slice makes of an error: its status, problem+json, and what the detail
 * says.
 */
public final class Problems {

  private Problems() {}

  public static void assertProblem(Answer answer, int status, String detailFragment) {
    assertThat(answer.status()).as(answer.body()).isEqualTo(status);
    assertThat(answer.contentType()).startsWith("application/problem+json");
    assertThat(answer.json().get("status").asInt()).isEqualTo(status);
    assertThat(answer.json().get("detail").asString()).contains(detailFragment);
  }
}
