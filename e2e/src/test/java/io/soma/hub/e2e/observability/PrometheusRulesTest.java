package io.soma.hub.e2e.observability;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.soma.hub.e2e.support.Commands;
import io.soma.hub.e2e.support.HubJars;
import io.soma.hub.e2e.support.PromTool;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The hub's PrometheusRule (observability/rules/hub-alerts.yaml) through Debian's promtool: its
 * rule groups pass {@code promtool check rules}, its unit tests (observability/rules/tests/) pass
 * {@code promtool test rules}, and every alert has a test in which it fires.
 */
class PrometheusRulesTest {

  private static final YAMLMapper YAML = new YAMLMapper();
  private static final Path RULES = HubJars.root().resolve("observability/rules");

  @TempDir Path work;

  @Test
  void theRuleGroupsPassPromtoolsCheck() throws IOException {
    Commands.Result check = PromTool.checkRules(ruleFile(work, prometheusRule()));

    assertThat(check.ok()).as(check.output()).isTrue();
    assertThat(check.output())
        .contains("SUCCESS: " + alertNames(prometheusRule()).size() + " rules found");
  }

  @Test
  void theUnitTestsPassAndEveryAlertFiresInOne() throws IOException {
    ruleFile(work, prometheusRule());
    Path tests =
        Files.copy(
            RULES.resolve("tests/hub-alerts.test.yaml"), work.resolve("hub-alerts.test.yaml"));

    Commands.Result run = PromTool.testRules(tests);

    assertThat(run.ok()).as(run.output()).isTrue();
    assertThat(run.output()).contains("SUCCESS");
    assertThat(alertsExpectedToFire(YAML.readTree(tests.toFile())))
        .containsAll(alertNames(prometheusRule()));
  }

  @Test
  void aBrokenExpressionFailsTheCheck() throws IOException {
    ObjectNode rule = prometheusRule();
    ((ObjectNode) rule.at("/spec/groups/0/rules/0")).put("expr", "sum(up{job=\"hub-worker\"} ==");

    Commands.Result check = PromTool.checkRules(ruleFile(work, rule));

    assertThat(check.ok()).isFalse();
    assertThat(check.output()).contains("parse error");
  }

  @Test
  void aRuleThatNoLongerFiresFailsItsUnitTest() throws IOException {
    ObjectNode rule = prometheusRule();
    ((ObjectNode) rule.at("/spec/groups/0/rules/0")).put("expr", "sum(up{job=\"hub-worker\"}) < 0");
    ruleFile(work, rule);
    Path tests =
        Files.copy(
            RULES.resolve("tests/hub-alerts.test.yaml"), work.resolve("hub-alerts.test.yaml"));

    Commands.Result run = PromTool.testRules(tests);

    assertThat(run.ok()).isFalse();
    assertThat(run.output()).contains("alertname: HubWorkerDown");
  }

  private static ObjectNode prometheusRule() throws IOException {
    return (ObjectNode) YAML.readTree(RULES.resolve("hub-alerts.yaml").toFile());
  }

  /**
   * The PrometheusRule's spec is a Prometheus rule file: write it where the unit tests expect it.
   */
  private static Path ruleFile(Path directory, JsonNode prometheusRule) throws IOException {
    Path file = directory.resolve("hub-alerts.rules.yaml");
    YAML.writeValue(file.toFile(), prometheusRule.required("spec"));
    return file;
  }

  private static List<String> alertNames(JsonNode prometheusRule) {
    List<String> names = new ArrayList<>();
    prometheusRule
        .at("/spec/groups")
        .forEach(group -> group.path("rules").forEach(r -> names.add(r.path("alert").asText())));
    return names;
  }

  private static List<String> alertsExpectedToFire(JsonNode unitTests) {
    List<String> names = new ArrayList<>();
    for (JsonNode test : unitTests.path("tests")) {
      for (JsonNode expectation : test.path("alert_rule_test")) {
        if (!expectation.path("exp_alerts").isEmpty()) {
          names.add(expectation.path("alertname").asText());
        }
      }
    }
    return names;
  }
}
