package io.soma.hub.functions.schedules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.soma.hub.functions.errors.InvalidInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The body of POST /v1/schedules: its time zone, its prompt, and what is required. */
class ScheduleBodyTest {

  @ParameterizedTest
  @ValueSource(
      strings = {
        "Europe/Paris",
        "America/New_York",
        "UTC",
        "Asia/Kolkata",
        "Etc/GMT-2",
        "Australia/Lord_Howe"
      })
  void anIanaZoneIsKeptAsGiven(String zone) {
    assertThat(ScheduleZones.known(new CreateScheduleBody("0 9 * * *", "Report", zone).timezone()))
        .isEqualTo(zone);
  }

  @Test
  void noZoneIsUtc() {
    assertThat(new CreateScheduleBody("0 9 * * *", "Report", null).timezone()).isEqualTo("UTC");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "+02:00",
        "-05:00",
        "Z",
        "UTC+2",
        "GMT+01:00",
        "+2",
        "europe/paris",
        "Europe/Pariss",
        "Mars/Olympus_Mons",
        "",
        " ",
        "Europe/Paris ",
        "Europe//Paris",
        "../../etc/passwd",
        "Europe/Paris\u0000",
        "Europe/Par\u00eds",
        "CET ",
        "America/New York"
      })
  void anythingButAnIanaZoneIsRefused(String zone) {
    assertThatThrownBy(
            () ->
                ScheduleZones.known(new CreateScheduleBody("0 9 * * *", "Report", zone).timezone()))
        .isInstanceOfSatisfying(
            InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("timezone"));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        " ",
        "Europe/Paris ",
        "Z\u0000",
        "Europe/Par\u00eds",
        "America/New York",
        "+02:00"
      })
  void aZoneOutsideTheDocumentsGrammarIsRefusedByTheBody(String zone) {
    assertThatThrownBy(() -> new CreateScheduleBody("0 9 * * *", "Report", zone))
        .isInstanceOfSatisfying(
            InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("timezone"));
  }

  @Test
  void aHugeZoneIsRefused() {
    assertThatThrownBy(
            () -> new CreateScheduleBody("0 9 * * *", "Report", "Europe/" + "x".repeat(100_000)))
        .isInstanceOfSatisfying(
            InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("timezone"));
  }

  @Test
  void thePromptFollowsTheRulesOfASessionsPrompt() {
    assertThatThrownBy(() -> new CreateScheduleBody("0 9 * * *", null, null))
        .hasMessage("prompt: is required");
    assertThatThrownBy(() -> new CreateScheduleBody("0 9 * * *", " \n\t", null))
        .hasMessageStartingWith("prompt:");
    assertThatThrownBy(() -> new CreateScheduleBody("0 9 * * *", "x".repeat(16_001), null))
        .hasMessageContaining("16001");
    // 16 000 characters, each two UTF-16 units: characters are counted, not units.
    assertThat(new CreateScheduleBody("0 9 * * *", "\uD83D\uDE00".repeat(16_000), null).prompt())
        .isNotEmpty();
  }

  @Test
  void theCronIsRequiredAndCheckedFirst() {
    assertThatThrownBy(() -> new CreateScheduleBody(null, "Report", null))
        .hasMessage("cron: is required");
    assertThatThrownBy(() -> new CreateScheduleBody("* * * * *", null, "+02:00"))
        .isInstanceOfSatisfying(
            InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("cron"));
  }
}
