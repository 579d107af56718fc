package io.soma.hub.knative.manifests;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName(
    "observability/deploy.sh: what it applies, in which order, and that --dry-run needs no cluster")
class ObservabilityDeployScriptTest {

  private static final Path OBSERVABILITY =
      Manifests.root().resolve("../../observability").normalize();
  private static final Path SCRIPT = OBSERVABILITY.resolve("deploy.sh");

  /**
   * Binaries that do not exist: the dry run must not need them, a real run must refuse without
   * them.
   */
  private static final Map<String, String> NO_TOOLS =
      Map.of("KUBECTL", "/nonexistent/kubectl", "HELM", "/nonexistent/helm");

  record Run(int exitCode, List<String> lines) {}

  @Test
  @DisplayName(
      "the dry run lists namespace, kube-prometheus-stack, Loki, monitors, rules and dashboards in that order")
  void dryRunOrder() throws Exception {
    Run run = run(NO_TOOLS, "--dry-run");

    assertThat(run.exitCode()).as(String.join("\n", run.lines())).isZero();
    List<String> commands = run.lines().stream().filter(line -> line.startsWith("+ ")).toList();
    assertThat(commands).hasSize(7);
    assertThat(commands.get(0)).contains("apply").endsWith("observability/namespace.yaml");
    assertThat(commands.get(1))
        .contains("/nonexistent/helm upgrade --install kube-prometheus-stack")
        .contains("--namespace observability")
        .contains("--values " + OBSERVABILITY.resolve("kube-prometheus-stack/values.yaml"));
    assertThat(commands.get(2)).contains("loki/configmap.yaml").contains("loki/statefulset.yaml");
    assertThat(commands.get(3)).contains("rollout status statefulset/loki");
    assertThat(commands.get(4))
        .contains("functions-podmonitor.yaml")
        .contains("worker-servicemonitor.yaml");
    assertThat(commands.get(5)).endsWith("rules/hub-alerts.yaml");
    assertThat(commands.get(6)).endsWith("apply -k " + OBSERVABILITY.resolve("dashboards"));
    assertThat(run.lines()).last().asString().isEqualTo("dry run: nothing was applied");
  }

  @Test
  @DisplayName(
      "every Kubernetes object under observability/ is applied, generated ones included, and the hub's"
          + " namespace before its monitors")
  void dryRunAppliesEveryObject() throws Exception {
    List<String> listed =
        run(NO_TOOLS, "--dry-run").lines().stream()
            .filter(line -> line.startsWith("    "))
            .map(line -> line.strip().replaceAll(" \\(namespace .*\\)$", ""))
            .toList();

    List<String> expected = new ArrayList<>(List.of("Namespace/soma-hub"));
    for (Path file : Manifests.yamlFilesUnder(OBSERVABILITY)) {
      if (Manifests.isKustomization(file)) {
        Kustomize.build(file.getParent()).forEach(object -> expected.add(kindAndName(object)));
        continue;
      }
      for (JsonNode document : Manifests.documents(file)) {
        if (document.has("kind") && document.has("apiVersion")) {
          expected.add(kindAndName(document));
        }
      }
    }
    assertThat(listed).containsExactlyInAnyOrderElementsOf(expected);
    assertThat(listed.indexOf("Namespace/soma-hub"))
        .isLessThan(listed.indexOf("PodMonitor/hub-functions"));
  }

  @Test
  @DisplayName("Grafana is off in the chart's values")
  void grafanaOff() {
    JsonNode values =
        Manifests.documents(OBSERVABILITY.resolve("kube-prometheus-stack/values.yaml")).get(0);

    assertThat(values.at("/grafana/enabled").asBoolean(true)).isFalse();
    assertThat(
            values.at("/prometheus/prometheusSpec/ruleSelectorNilUsesHelmValues").asBoolean(true))
        .isFalse();
  }

  @Test
  @DisplayName("bad arguments and missing tools are refused before anything is applied")
  void refusals() throws Exception {
    Run unknown = run(NO_TOOLS, "--dry-rum");
    assertThat(unknown.exitCode()).isEqualTo(2);
    assertThat(unknown.lines()).first().asString().contains("unknown argument: --dry-rum");

    Run noContext = run(NO_TOOLS, "--dry-run", "--context");
    assertThat(noContext.exitCode()).isEqualTo(2);

    Run noTools = run(NO_TOOLS);
    assertThat(noTools.exitCode()).isEqualTo(1);
    assertThat(noTools.lines()).noneMatch(line -> line.startsWith("+ "));
    assertThat(String.join("\n", noTools.lines()))
        .contains("/nonexistent/kubectl is not installed");
  }

  private static String kindAndName(JsonNode object) {
    return object.path("kind").asText() + "/" + object.at("/metadata/name").asText();
  }

  private static Run run(Map<String, String> environment, String... arguments)
      throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of("bash", SCRIPT.toString()));
    command.addAll(List.of(arguments));
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    builder.environment().putAll(environment);
    Process process = builder.start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
    return new Run(process.exitValue(), output.lines().toList());
  }
}
