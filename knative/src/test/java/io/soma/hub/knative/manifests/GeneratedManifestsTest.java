package io.soma.hub.knative.manifests;

import static java.nio.file.StandardOpenOption.APPEND;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * base/functions/ and the HTTPRoute are written by knative/manifests/generate from functions.txt
 * and templates/.
 */
@DisplayName("The function Services and the API route are generated from functions.txt")
class GeneratedManifestsTest {

  private static final List<String> GENERATED =
      List.of("base/functions", "base/routing/hub-api-route.yaml");
  private static final String REGENERATE =
      "is not what knative/manifests/generate writes from functions.txt and templates/:"
          + " run knative/manifests/generate and commit its output";

  record Run(int exitCode, String output) {}

  @Test
  @DisplayName("the committed files are exactly what the generator writes")
  void committedFilesAreCurrent(@TempDir Path out) throws Exception {
    Run run = generate(Manifests.root(), out);
    assertThat(run.exitCode()).as(run.output()).isZero();

    for (String generated : GENERATED) {
      Path committed = Manifests.root().resolve(generated);
      Path fresh = out.resolve(generated);
      assertThat(names(committed))
          .as("files of %s: %s", committed, REGENERATE)
          .isEqualTo(names(fresh));
      for (String name : names(fresh)) {
        Path file = Files.isDirectory(fresh) ? fresh.resolve(name) : fresh;
        Path mine = Files.isDirectory(committed) ? committed.resolve(name) : committed;
        assertThat(Files.readString(mine))
            .as("%s %s", mine, REGENERATE)
            .isEqualTo(Files.readString(file));
      }
    }
  }

  @Test
  @DisplayName("a line added to the table is a Service, a kustomization resource and a route rule")
  void oneLineAddsAFunction(@TempDir Path copy) throws Exception {
    Path manifests = copyOfInputs(copy);
    Files.writeString(
        manifests.resolve("functions.txt"),
        "hub-forget-memory forgetMemory DELETE /v1/memory/{key} HUB_A_TOKEN=a-token,HUB_B_TOKEN=b-token\n",
        APPEND);

    Run run = generate(manifests, null);

    assertThat(run.exitCode()).as(run.output()).isZero();
    JsonNode service =
        Manifests.documents(manifests.resolve("base/functions/hub-forget-memory.yaml")).get(0);
    assertThat(service.at("/metadata/name").asText()).isEqualTo("hub-forget-memory");
    assertThat(service.at("/spec/template/metadata/labels/app.kubernetes.io~1name").asText())
        .isEqualTo("hub-forget-memory");
    JsonNode env = service.at("/spec/template/spec/containers/0/env");
    assertThat(each(env, "/value"))
        .contains("forgetMemory", "-XX:AOTCache=/app/aot/forgetMemory.aot");
    assertThat(each(env, "/name")).endsWith("HUB_JWT_SECRET", "HUB_A_TOKEN", "HUB_B_TOKEN");
    assertThat(each(env, "/valueFrom/secretKeyRef/key"))
        .endsWith("jwt-secret", "a-token", "b-token");
    assertThat(Kustomization.read(manifests.resolve("base/functions")).resources())
        .hasSize(SpecEndpoints.FUNCTIONS.size() + 1)
        .endsWith("hub-forget-memory.yaml");

    JsonNode memory = route(manifests, "hub-api-memory");
    // The new rule comes last in its feature's route.
    JsonNode rules = memory.at("/spec/rules");
    assertThat(rules)
        .hasSize(
            (int) SpecEndpoints.ALL.stream().filter(e -> e.path().startsWith("/v1/memory")).count()
                + 1);
    JsonNode last = rules.get(rules.size() - 1);
    assertThat(last.at("/matches/0/method").asText()).isEqualTo("DELETE");
    assertThat(last.at("/matches/0/path/type").asText()).isEqualTo("RegularExpression");
    assertThat(last.at("/matches/0/path/value").asText()).isEqualTo("^/v1/memory/[^/]+$");
    assertThat(last.at("/filters/0/urlRewrite/hostname").asText())
        .isEqualTo("hub-forget-memory.soma-hub.svc.cluster.local");
  }

  @Test
  @DisplayName("a function of a new feature gets an HTTPRoute of its own, after the others")
  void aNewFeatureGetsItsOwnRoute(@TempDir Path copy) throws Exception {
    Path manifests = copyOfInputs(copy);
    Files.writeString(
        manifests.resolve("functions.txt"),
        "hub-list-reports listReports GET /v1/reports\n",
        APPEND);

    Run run = generate(manifests, null);

    assertThat(run.exitCode()).as(run.output()).isZero();
    List<String> before = routeNames(Manifests.root());
    List<JsonNode> routes =
        Manifests.documents(manifests.resolve("base/routing/hub-api-route.yaml"));
    JsonNode reports = routes.get(routes.size() - 1);
    assertThat(reports.at("/metadata/name").asText()).isEqualTo("hub-api-reports");
    assertThat(reports.at("/spec/rules"))
        .singleElement()
        .satisfies(
            rule -> assertThat(rule.at("/matches/0/path/value").asText()).isEqualTo("/v1/reports"));
    assertThat(routeNames(manifests))
        .as("the committed routes, in their order, then the new feature's")
        .startsWith(before.toArray(String[]::new))
        .hasSize(before.size() + 1);
  }

  private static List<String> routeNames(Path manifests) {
    return Manifests.documents(manifests.resolve("base/routing/hub-api-route.yaml")).stream()
        .map(route -> route.at("/metadata/name").asText())
        .toList();
  }

  private static JsonNode route(Path manifests, String name) throws IOException {
    return Manifests.documents(manifests.resolve("base/routing/hub-api-route.yaml")).stream()
        .filter(route -> route.at("/metadata/name").asText().equals(name))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no HTTPRoute " + name));
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "hub-forget-memory forgetMemory DELETE                          | found 3 columns",
        "hub-status status2 GET /v1/status2                             | the service hub-status is on line",
        "hub-forget-memory forgetMemory FORGET /v1/memory/{key}         | the method FORGET",
        "hub-forget-memory forgetMemory DELETE v1/memory                | the path v1/memory",
        "hub-forget-memory forgetMemory DELETE /v1/memory/{key} A_TOKEN | the secrets A_TOKEN",
      })
  @DisplayName("a malformed line is refused with its line number, and nothing is written")
  void malformedLinesAreRefused(String line, String complaint, @TempDir Path copy)
      throws Exception {
    Path manifests = copyOfInputs(copy);
    Files.writeString(manifests.resolve("functions.txt"), line + "\n", APPEND);

    Run run = generate(manifests, null);

    assertThat(run.exitCode()).isNotZero();
    assertThat(run.output()).contains("functions.txt:", complaint);
    assertThat(manifests.resolve("base")).doesNotExist();
  }

  /**
   * The generator, the table and the templates copied to dir, so that a test may change the table.
   */
  private static Path copyOfInputs(Path dir) throws IOException {
    Files.createDirectories(dir.resolve("templates"));
    for (String input : List.of("generate", "functions.txt")) {
      Files.copy(Manifests.root().resolve(input), dir.resolve(input));
    }
    for (String name : names(Manifests.root().resolve("templates"))) {
      Files.copy(
          Manifests.root().resolve("templates").resolve(name),
          dir.resolve("templates").resolve(name));
    }
    return dir;
  }

  /** Runs dir/generate, writing under out (null: in place, under dir). */
  private static Run generate(Path dir, Path out) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of("bash", dir.resolve("generate").toString()));
    if (out != null) {
      command.add(out.toString());
    }
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
    return new Run(process.exitValue(), output);
  }

  /** The text at pointer in each element of array, where it has one. */
  private static List<String> each(JsonNode array, String pointer) {
    List<String> values = new ArrayList<>();
    array.forEach(
        element -> {
          if (!element.at(pointer).isMissingNode()) {
            values.add(element.at(pointer).asText());
          }
        });
    return values;
  }

  /** The names of a directory's files, or a file's own name. */
  private static List<String> names(Path path) throws IOException {
    if (!Files.isDirectory(path)) {
      return Files.exists(path) ? List.of(path.getFileName().toString()) : List.of();
    }
    try (Stream<Path> files = Files.list(path)) {
      return files.map(file -> file.getFileName().toString()).sorted().toList();
    }
  }
}
