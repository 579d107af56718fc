package io.soma.hub.wizard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class AnswerRulesTest {

  static final LocalDate TODAY = LocalDate.of(2026, 3, 10);
  static final WizardDefinition WIZARD =
      WizardCatalogue.standard().find("marketing_campaign_v1").orElseThrow();

  static Question question(String id) {
    return WIZARD.question(id).orElseThrow();
  }

  static Object check(String id, Object value) {
    return AnswerRules.check(question(id), value, TODAY);
  }

  static Stream<Arguments> badAnswers() {
    return Stream.of(
        Arguments.of("campaign_name", "ab", "min_length"),
        Arguments.of("campaign_name", "  ab  ", "min_length"),
        Arguments.of("campaign_name", "x".repeat(101), "max_length"),
        Arguments.of("campaign_name", "   ", "required"),
        Arguments.of("campaign_name", 42, "type"),
        Arguments.of("campaign_name", null, "required"),
        Arguments.of("campaign_type", "webinar", "options"),
        Arguments.of("campaign_type", List.of("product_launch"), "type"),
        Arguments.of("target_audience", " , ,", "required"),
        Arguments.of("target_audience", List.of("CTOs", 7), "type"),
        Arguments.of("target_audience", 12, "type"),
        Arguments.of(
            "target_audience",
            String.join(",", java.util.Collections.nCopies(21, "a")),
            "max_items"),
        Arguments.of("target_audience", "x".repeat(201), "max_item_length"),
        Arguments.of("channels", List.of(), "min_selections"),
        Arguments.of("channels", List.of("email", "fax"), "options"),
        Arguments.of("channels", List.of("email", "email"), "unique"),
        Arguments.of("channels", "email", "type"),
        Arguments.of("channels", List.of(1), "type"),
        Arguments.of("launch_date", "2026-03-09", "min_date"),
        Arguments.of("launch_date", "2026-09-11", "max_date"),
        Arguments.of("launch_date", "2026-3-20", "date_format"),
        Arguments.of("launch_date", "2026-02-30", "date_format"),
        Arguments.of("launch_date", "2026-03-20T10:00:00Z", "date_format"),
        Arguments.of("launch_date", 20260320, "type"),
        Arguments.of("budget", -1, "min"),
        Arguments.of("budget", 1_000_000.01, "max"),
        Arguments.of("budget", "5000", "type"),
        Arguments.of("budget", true, "type"),
        Arguments.of("budget", Double.POSITIVE_INFINITY, "type"),
        Arguments.of("key_messages", "y".repeat(4001), "max_length"),
        Arguments.of("key_messages", "", "required"),
        Arguments.of("success_metrics", List.of(), "min_selections"),
        Arguments.of("brand_voice", "sarcastic", "options"),
        Arguments.of("approval_required", "false", "type"),
        Arguments.of("approval_required", 0, "type"),
        Arguments.of("approval_required", null, "required"));
  }

  @ParameterizedTest(name = "{0} = {1} breaks {2}")
  @MethodSource("badAnswers")
  void aBadAnswerIsRejectedNamingTheQuestionAndTheRule(String id, Object value, String rule) {
    assertThatThrownBy(() -> check(id, value))
        .isInstanceOfSatisfying(
            AnswerRejected.class,
            rejected -> {
              assertThat(rejected.questionId()).isEqualTo(id);
              assertThat(rejected.rule()).isEqualTo(rule);
              assertThat(rejected.getMessage()).startsWith(id + " ");
            });
  }

  @Test
  void falseAndZeroAreAnswers() {
    assertThat(check("approval_required", false)).isEqualTo(false);
    assertThat(check("budget", 0)).isEqualTo(0L);
  }

  @Test
  void anOptionalQuestionCanBeSkippedWithNull() {
    assertThat(check("budget", null)).isNull();
  }

  @Test
  void valuesAreNormalised() {
    assertThat(check("campaign_name", "  Spring Launch ")).isEqualTo("Spring Launch");
    assertThat(check("target_audience", " CTOs, DevOps Engineers ,, Founders,"))
        .isEqualTo(List.of("CTOs", "DevOps Engineers", "Founders"));
    assertThat(check("target_audience", List.of(" CTOs ", "", "Founders")))
        .isEqualTo(List.of("CTOs", "Founders"));
    assertThat(check("budget", 5000.0)).isEqualTo(5000L);
    assertThat(check("budget", 2500.5)).isEqualTo(2500.5);
    assertThat(check("budget", 1_000_000)).isEqualTo(1_000_000L);
    assertThat(check("channels", List.of("blog", "email"))).isEqualTo(List.of("blog", "email"));
  }

  @Test
  void theDateRangeIsTodayToSixMonthsInclusive() {
    assertThat(check("launch_date", "2026-03-10")).isEqualTo("2026-03-10");
    assertThat(check("launch_date", "2026-09-10")).isEqualTo("2026-09-10");
  }

  @Test
  void theClientSeesTheEffectiveRulesWithResolvedDates() {
    assertThat(AnswerRules.effective(question("launch_date"), TODAY))
        .isEqualTo(Map.of("min_date", "2026-03-10", "max_date", "2026-09-10"));
    assertThat(AnswerRules.effective(question("campaign_name"), TODAY))
        .isEqualTo(Map.of("min_length", 3, "max_length", 100));
    assertThat(AnswerRules.effective(question("budget"), TODAY))
        .isEqualTo(Map.of("min", 0L, "max", 1_000_000L));
    assertThat(AnswerRules.effective(question("channels"), TODAY))
        .isEqualTo(Map.of("min_selections", 1));
    assertThat(QuestionViews.view(question("launch_date"), TODAY).defaultValue())
        .isEqualTo("2026-03-24");
  }

  @Test
  void theCatalogueHasTheTenQuestionsInOrder() {
    assertThat(WIZARD.questions())
        .extracting(Question::id)
        .containsExactlyElementsOf(
            Arrays.asList(
                "campaign_name",
                "campaign_type",
                "target_audience",
                "channels",
                "launch_date",
                "budget",
                "key_messages",
                "success_metrics",
                "brand_voice",
                "approval_required"));
    assertThat(question("budget").required()).isFalse();
    assertThat(question("approval_required").defaultValue()).isEqualTo(true);
    assertThat(question("channels").options()).hasSize(7);
    assertThat(WIZARD.title()).isEqualTo("Multi-Channel Marketing Campaign");
    assertThat(WIZARD.version()).isEqualTo("1.0.0");
  }
}
