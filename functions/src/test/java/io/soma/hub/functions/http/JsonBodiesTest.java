package io.soma.hub.functions.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.soma.hub.functions.errors.InvalidInputException;
import io.soma.hub.functions.memory.RememberBody;
import io.soma.hub.functions.sessions.CreateSessionBody;
import org.junit.jupiter.api.Test;

class JsonBodiesTest {

  private static CreateSessionBody parse(String json) {
    return JsonBodies.parse(json, CreateSessionBody.class);
  }

  @Test
  void readsSnakeCaseFields() {
    CreateSessionBody body =
        parse("{\"prompt\":\"hi\",\"capsule_id\":\"c1\",\"metadata\":{\"k\":\"v\"}}");

    assertThat(body.capsuleId()).isEqualTo("c1");
    assertThat(body.metadata()).containsEntry("k", "v");
  }

  @Test
  void namesTheFieldAndTheRuleOfEveryFailure() {
    assertThatThrownBy(() -> parse("{\"capsuleId\":\"c1\",\"prompt\":\"hi\"}"))
        .isInstanceOfSatisfying(
            InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("capsuleId"));
    assertThatThrownBy(() -> parse("{\"prompt\":[\"hi\"]}"))
        .isInstanceOfSatisfying(
            InvalidInputException.class, e -> assertThat(e.rule()).isEqualTo("must be a string"));
    assertThatThrownBy(() -> parse("{\"prompt\":\"hi\",\"metadata\":{\"a\":{\"b\":\"c\"}}}"))
        .isInstanceOfSatisfying(
            InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("metadata.a"));
  }

  @Test
  void fieldNamesAreCountedInCharacters() {
    String emoji = "\uD83D\uDE00";
    String atLimit =
        "{\"key\":\"k\",\"value\":{\"" + emoji.repeat(EdgeLimits.MAX_JSON_NAME_CHARS) + "\":1}}";
    String overLimit =
        "{\"key\":\"k\",\"value\":{\""
            + emoji.repeat(EdgeLimits.MAX_JSON_NAME_CHARS + 1)
            + "\":1}}";

    assertThat(JsonBodies.parse(atLimit, RememberBody.class)).isNotNull();
    assertThatThrownBy(() -> JsonBodies.parse(overLimit, RememberBody.class))
        .isInstanceOf(InvalidInputException.class);
  }
}
