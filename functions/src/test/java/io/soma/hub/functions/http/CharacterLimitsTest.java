package io.soma.hub.functions.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.soma.hub.functions.errors.InvalidInputException;
import io.soma.hub.functions.memory.RefreshBody;
import io.soma.hub.functions.memory.RememberBody;
import io.soma.hub.functions.sessions.CreateSessionBody;
import io.soma.hub.functions.wizards.StartWizardBody;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every character limit counts code points, as the API (and JSON Schema's maxLength) states it: a
 * string of emoji at the limit is taken, one more is refused naming the field. Counting UTF-16
 * units refused half the limit.
 */
class CharacterLimitsTest {

  private static final String EMOJI = "\uD83D\uDE00";

  static Stream<Arguments> limits() {
    return Stream.of(
        limit(CreateSessionBody.class, "{\"prompt\":%s}", 16_000, "prompt"),
        limit(CreateSessionBody.class, "{\"prompt\":\"hi\",\"capsule_id\":%s}", 200, "capsule_id"),
        limit(
            CreateSessionBody.class,
            "{\"prompt\":\"hi\",\"metadata\":{\"k\":%s}}",
            1_024,
            "metadata.k"),
        limit(
            CreateSessionBody.class, "{\"prompt\":\"hi\",\"metadata\":{%s:\"v\"}}", 64, "metadata"),
        limit(StartWizardBody.class, "{\"wizard_id\":%s}", 100, "wizard_id"),
        limit(RefreshBody.class, "{\"campaign\":%s}", 200, "campaign"),
        limit(
            RememberBody.class,
            "{\"key\":\"k\",\"value\":1,\"metadata\":{\"campaign\":%s}}",
            200,
            "metadata.campaign"));
  }

  @ParameterizedTest(name = "{3} of {2} characters")
  @MethodSource("limits")
  void countsCodePoints(Class<?> body, String template, int max, String field) {
    assertThat(JsonBodies.parse(template.formatted(emoji(max)), body)).isNotNull();
    assertThatThrownBy(() -> JsonBodies.parse(template.formatted(emoji(max + 1)), body))
        .isInstanceOfSatisfying(
            InvalidInputException.class, e -> assertThat(e.field()).isEqualTo(field));
  }

  private static Arguments limit(Class<?> body, String template, int max, String field) {
    return Arguments.of(body, template, max, field);
  }

  private static String emoji(int count) {
    return "\"" + EMOJI.repeat(count) + "\"";
  }
}
