package io.soma.hub.functions.schedules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.soma.hub.functions.errors.InvalidInputException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What a schedule's cron expression may be: strictly five numeric fields, firing at most every five
 * minutes.
 */
class ScheduleCronTest {

  @ParameterizedTest(name = "[{0}] fires at most every {1} minutes")
  @CsvSource(
      delimiter = '|',
      value = {
        "*/30 * * * *       | 30",
        "*/5 * * * *        | 5",
        "0 * * * *          | 60",
        "0 9 * * 1-5        | 1440",
        "15,45 8-18 * * *   | 30",
        "0,5,10 * * * *     | 5",
        "55 23 * * *        | 1440",
        "0 0 1 1 *          | 1440",
        "0 0 29 2 *         | 1440",
        "0 12 31 * 0        | 1440",
        "59 22,23 * * *     | 60",
        "0-55/5 * * * *     | 5",
        "7 */6 * * 0,6      | 360",
        "0 0 * * 6          | 1440",
        "03 09 01 01 00     | 1440",
      })
  void acceptsAndMeasures(String cron, int minutes) {
    CronExpression expression = CronExpression.parse(cron.strip());

    assertThat(expression.text()).isEqualTo(cron.strip());
    assertThat(expression.shortestIntervalMinutes()).isEqualTo(minutes);
  }

  @ParameterizedTest(name = "[{0}] is refused")
  @ValueSource(
      strings = {
        // Too often.
        "* * * * *",
        "*/4 * * * *",
        "0,1 * * * *",
        "0,58 * * * *",
        "0-59/2 * * * *",
        "*/1 * * * *",
        // Fields: too few, too many (seconds, year), separators.
        "",
        " ",
        "*/30 * * *",
        "0 */30 * * * *",
        "0 0 12 * * ? 2026",
        "*/30  * * * *",
        " */30 * * * *",
        "*/30 * * * * ",
        "*/30\t* * * *",
        "*/30 * * * *\n",
        // Macros and non-standard characters.
        "@reboot",
        "@hourly",
        "@every 5m",
        "0 0 ? * MON",
        "0 0 * JAN *",
        "0 0 * * MON-FRI",
        "0 0 L * *",
        "0 0 15W * *",
        "0 0 * * 5#3",
        "CRON_TZ=UTC 0 0 * * *",
        "TZ=UTC 0 0 * * *",
        // Out of bounds, reversed, odd forms.
        "60 * * * *",
        "0 24 * * *",
        "0 0 0 * *",
        "0 0 32 * *",
        "0 0 * 0 *",
        "0 0 * 13 *",
        "0 0 * * 7",
        "0 0 * * -1",
        "30-10 * * * *",
        "5/15 * * * *",
        "*/0 * * * *",
        "*/60 * * * *",
        "0 */24 * * *",
        "0 0 */32 * *",
        "1,,2 0 * * *",
        ",0 0 * * *",
        "0, 0 * * *",
        "0-5-10 0 * * *",
        "0/5/5 0 * * *",
        "*/5/5 0 * * *",
        "-5 0 * * *",
        "** 0 * * *",
        "0- 0 * * *",
        "000 0 * * *",
        "0000000000000000000001 0 * * *",
        "99999999999999999999 * * * *",
        // Digits that are not ASCII, and other Unicode.
        "\u0660 0 * * *",
        "0 0 * * *\u00a0",
        "\uff10 0 * * *",
        "0 0 * * \u2217",
        // Never fires.
        "0 0 30 2 *",
        "0 0 31 4,6,9,11 *",
      })
  void refusesNamingTheField(String cron) {
    assertThatThrownBy(() -> CronExpression.parse(cron))
        .isInstanceOfSatisfying(
            InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("cron"));
  }

  @org.junit.jupiter.api.Test
  void aHugeExpressionIsRefusedBeforeItIsParsed() {
    String huge = "0," + "1,".repeat(50_000) + "2 0 * * *";

    assertThatThrownBy(() -> CronExpression.parse(huge))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("at most 100 characters");
  }

  @org.junit.jupiter.api.Test
  void theRulesSayWhatIsWrong() {
    assertThatThrownBy(() -> CronExpression.parse("* * * * *"))
        .hasMessageContaining("every 1 minute at times");
    assertThatThrownBy(() -> CronExpression.parse("0 0 12 * * *"))
        .hasMessageContaining("exactly five fields");
    assertThatThrownBy(() -> CronExpression.parse("@reboot")).hasMessageContaining("macros");
    assertThatThrownBy(() -> CronExpression.parse("0 0 * * 7"))
        .hasMessageContaining("0 to 6 (0 is Sunday)");
    assertThatThrownBy(() -> CronExpression.parse("0 0 30 2 *"))
        .hasMessageContaining("never fires");
  }
}
