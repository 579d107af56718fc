package io.soma.hub.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ArgumentsTest {

  private static final Arguments.Spec SPEC =
      new Arguments.Spec(Set.of("--limit"), Set.of("--metadata"), Set.of("--all"));

  private static Arguments parse(String... words) {
    return Arguments.parse(List.of(words), SPEC);
  }

  @Test
  void optionsMayComeBeforeOrAfterTheWordsInEitherSpelling() {
    Arguments arguments =
        parse(
            "--limit", "5", "hello", "--metadata=a=1", "--metadata", "b=2", "--all", "-o", "json");

    assertThat(arguments.positionals()).containsExactly("hello");
    assertThat(arguments.value("--limit")).hasValue("5");
    assertThat(arguments.values("--metadata")).containsExactly("a=1", "b=2");
    assertThat(arguments.flag("--all")).isTrue();
    assertThat(arguments.value(Arguments.OUTPUT)).hasValue("json");
    assertThat(parse("--output=json").value(Arguments.OUTPUT)).hasValue("json");
  }

  @Test
  void aDoubleDashEndsTheOptionsSoAPromptMayStartWithADash() {
    Arguments arguments = parse("--all", "--", "--limit is not an option here", "-x");

    assertThat(arguments.positionals()).containsExactly("--limit is not an option here", "-x");
    assertThat(arguments.value("--limit")).isEmpty();
  }

  @Test
  void everyMistakeIsAUsageErrorNamingIt() {
    assertThatThrownBy(() -> parse("--bogus"))
        .isInstanceOfSatisfying(
            CliFailure.class, f -> assertThat(f.exitCode()).isEqualTo(ExitCodes.USAGE))
        .hasMessage("unknown option --bogus");
    assertThatThrownBy(() -> parse("--bogus=1")).hasMessage("unknown option --bogus");
    assertThatThrownBy(() -> parse("--limit")).hasMessage("--limit needs a value");
    assertThatThrownBy(() -> parse("--limit", "1", "--limit", "2"))
        .hasMessage("--limit given twice");
    assertThatThrownBy(() -> parse("--all=yes")).hasMessage("--all takes no value");
  }

  @Test
  void singleAsksForExactlyOneWord() {
    assertThat(parse("id").single("the session id")).isEqualTo("id");
    assertThatThrownBy(() -> parse().single("the session id")).hasMessage("missing the session id");
    assertThatThrownBy(() -> parse("a", "b").single("the prompt"))
        .hasMessage("expected the prompt as one word, got 2 (quote it)");
  }
}
