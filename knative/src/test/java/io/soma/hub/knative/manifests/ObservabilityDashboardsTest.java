package io.soma.hub.knative.manifests;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The Grafana dashboards (observability/dashboards/*.json) and the ConfigMaps kustomize generates
 * from them. Their queries are checked against a real Prometheus holding real series by e2e's
 * DashboardQueriesTest.
 */
@DisplayName(
    "observability/dashboards: one ConfigMap per dashboard for Grafana's sidecar, each dashboard on a"
        + " chosen Prometheus")
class ObservabilityDashboardsTest {

  private static final Path DASHBOARDS =
      Manifests.root().resolve("../../observability/dashboards").normalize();
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String DATASOURCE = "${datasource}";

  @Test
  @DisplayName("kustomize makes one labelled ConfigMap per JSON file, holding the file as it is")
  void oneConfigMapPerDashboard() throws IOException {
    List<ObjectNode> configMaps = Kustomize.build(DASHBOARDS);

    assertThat(configMaps)
        .allSatisfy(
            configMap -> {
              assertThat(configMap.path("kind").asText()).isEqualTo("ConfigMap");
              assertThat(configMap.at("/metadata/namespace").asText()).isEqualTo("observability");
              assertThat(configMap.at("/metadata/labels/grafana_dashboard").asText())
                  .isEqualTo("1");
            });
    List<String> files =
        dashboardFiles().stream().map(file -> file.getFileName().toString()).toList();
    assertThat(configMaps)
        .flatExtracting(configMap -> List.copyOf(fieldNames(configMap.path("data"))))
        .containsExactlyInAnyOrderElementsOf(files);
    for (ObjectNode configMap : configMaps) {
      for (String file : fieldNames(configMap.path("data"))) {
        assertThat(configMap.at("/data/" + file).asText())
            .isEqualTo(Files.readString(DASHBOARDS.resolve(file)));
      }
    }
  }

  @Test
  @DisplayName(
      "every dashboard has its own uid, a current schema and a prometheus datasource variable all panels use")
  void everyPanelQueriesTheChosenPrometheus() {
    List<String> uids = new ArrayList<>();
    for (Path file : dashboardFiles()) {
      JsonNode dashboard = read(file);
      uids.add(dashboard.path("uid").asText());
      assertThat(dashboard.path("schemaVersion").asInt())
          .as(file.toString())
          .isGreaterThanOrEqualTo(39);
      JsonNode variable = dashboard.at("/templating/list/0");
      assertThat(variable.path("name").asText()).isEqualTo("datasource");
      assertThat(variable.path("type").asText()).isEqualTo("datasource");
      assertThat(variable.path("query").asText()).isEqualTo("prometheus");
      for (JsonNode panel : dashboard.path("panels")) {
        if (panel.path("type").asText().equals("row")) {
          continue;
        }
        String title = file.getFileName() + ": " + panel.path("title").asText();
        assertThat(panel.at("/datasource/uid").asText()).as(title).isEqualTo(DATASOURCE);
        assertThat(panel.path("targets")).as(title).isNotEmpty();
        panel
            .path("targets")
            .forEach(
                target -> {
                  assertThat(target.at("/datasource/uid").asText()).as(title).isEqualTo(DATASOURCE);
                  assertThat(target.path("expr").asText()).as(title).isNotBlank();
                });
      }
    }
    assertThat(uids).doesNotHaveDuplicates().allMatch(uid -> uid.startsWith("soma-hub-"));
  }

  private static List<Path> dashboardFiles() {
    try (Stream<Path> files = Files.list(DASHBOARDS)) {
      return files.filter(file -> file.toString().endsWith(".json")).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static JsonNode read(Path file) {
    try {
      return JSON.readTree(file.toFile());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static List<String> fieldNames(JsonNode node) {
    List<String> names = new ArrayList<>();
    node.fieldNames().forEachRemaining(names::add);
    return names;
  }
}
