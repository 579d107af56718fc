package io.soma.hub.e2e.support;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.soma.hub.orchestration.HubSearchAttributes;
import java.io.IOException;
import java.nio.file.Files;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TemporalDevServerTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void keepsItsStateInTheSqliteFileAcrossStopAndKill() throws IOException {
    try (TemporalDevServer temporal = TemporalDevServer.start()) {
      assertThat(temporal.namespaceExists(TemporalDevServer.NAMESPACE)).isTrue();
      assertThat(Files.exists(temporal.databaseFile())).isTrue();
      assertThat(customSearchAttributes(temporal)).containsAllEntriesOf(hubSearchAttributes());
      temporal.createNamespace("e2e-persisted");

      temporal.restart();

      assertThat(temporal.namespaceExists("e2e-persisted")).isTrue();

      temporal.kill9();

      assertThat(temporal.isAlive()).isFalse();
      temporal.startAgain();
      assertThat(temporal.namespaceExists("e2e-persisted")).isTrue();
      assertThat(temporal.namespaceExists("never-created")).isFalse();
      assertThat(customSearchAttributes(temporal)).containsAllEntriesOf(hubSearchAttributes());
    }
  }

  /** The types by name as the server lists them (INDEXED_VALUE_TYPE_KEYWORD, …). */
  private static Map<String, String> hubSearchAttributes() {
    Map<String, String> expected = new LinkedHashMap<>();
    HubSearchAttributes.all().forEach((name, type) -> expected.put(name, type.name()));
    return expected;
  }

  private static Map<String, String> customSearchAttributes(TemporalDevServer temporal)
      throws IOException {
    Commands.Result listed =
        temporal.cli(
            "operator",
            "search-attribute",
            "list",
            "--namespace",
            TemporalDevServer.NAMESPACE,
            "--output",
            "json");
    assertThat(listed.ok()).as(listed.output()).isTrue();
    Map<String, String> attributes = new LinkedHashMap<>();
    JSON.readTree(listed.output())
        .path("customAttributes")
        .properties()
        .forEach(entry -> attributes.put(entry.getKey(), entry.getValue().asText()));
    return attributes;
  }
}
