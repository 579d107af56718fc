package io.soma.hub.e2e.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.soma.hub.e2e.support.HubJars;
import io.soma.hub.e2e.support.LocalHub;
import io.soma.hub.e2e.support.RequiresHubJars;
import io.soma.hub.testing.cluster.Ports;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code ./hub session} as a person runs it: the CLI's jar in its own process against the real hub
 * (the real jars, a Temporal dev server, the offline model provider), with HUB_URL and HUB_TOKEN as
 * its only configuration.
 */
@RequiresHubJars
class SessionCliEndToEndTest {

  private static final String CLI_JAR = "cli/target/hub-cli.jar";
  private static final ObjectMapper JSON = new ObjectMapper();

  private static LocalHub hub;
  private static Path cli;
  private static Map<String, String> asAnn;

  @BeforeAll
  static void startTheHub() {
    cli = HubJars.root().resolve(CLI_JAR);
    Assumptions.assumeTrue(Files.isRegularFile(cli), CLI_JAR + " is not built");
    // Event stream responses end after 2 s, so that watch reconnects (and resumes) while a
    // conversation waits.
    hub = LocalHub.builder().quickStartJvms().env("HUB_EVENT_STREAM_MAX", "2s").start();
    asAnn =
        Map.of(
            "HUB_URL",
            "http://" + hub.functionsTarget(),
            "HUB_TOKEN",
            hub.tokens().mint("acme", "ann", "sessions:write", "sessions:read"));
  }

  @AfterAll
  static void stopTheHub() {
    if (hub != null) {
      hub.close();
    }
  }

  @Test
  void aSessionStartsCompletesIsListedAndCannotBeCancelledOnceEnded() throws IOException {
    Run started = cli(asAnn, "start", "Plan a product launch", "--metadata", "team=growth");
    assertThat(started.exitCode()).as(started.toString()).isZero();
    String sessionId = started.out().strip();
    assertThat(sessionId)
        .as(started.toString())
        .matches("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

    Run shown = cli(asAnn, "show", sessionId, "--wait");
    assertThat(shown.exitCode()).as(shown.toString()).isZero();
    assertThat(shown.out())
        .as(shown.toString())
        .startsWith("session " + sessionId + ": COMPLETED\n")
        .contains("model_completion", "reply (offline, ");
    assertThat(shown.err()).as("no spinner on a pipe").isEmpty();

    JsonNode shownJson = JSON.readTree(cli(asAnn, "show", sessionId, "-o", "json").out());
    assertThat(shownJson.get("session_id").asText()).isEqualTo(sessionId);
    assertThat(shownJson.get("status").asText()).isEqualTo("COMPLETED");

    // Visibility trails an end by about a second.
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () -> {
              Run listed = cli(asAnn, "list", "--status", "COMPLETED", "--all");
              assertThat(listed.exitCode()).as(listed.toString()).isZero();
              assertThat(listed.out().lines()).first().asString().startsWith("SESSION");
              assertThat(listed.out().lines().filter(line -> line.startsWith(sessionId + " ")))
                  .singleElement()
                  .asString()
                  .contains("COMPLETED");
            });
    JsonNode listedJson = JSON.readTree(cli(asAnn, "list", "-o", "json").out());
    assertThat(listedJson.get("sessions").findValuesAsText("session_id")).contains(sessionId);

    Run cancelled = cli(asAnn, "cancel", sessionId);
    assertThat(cancelled.exitCode()).as(cancelled.toString()).isEqualTo(4);
    assertThat(cancelled.out()).isEmpty();
    assertThat(cancelled.err().lines())
        .singleElement()
        .asString()
        .startsWith("session cancel: 409 ")
        .contains("COMPLETED");
  }

  @Test
  void aConversationStartsAnswersEachMessageAndCloses() {
    Run started = cli(asAnn, "start", "--conversation", "Plan a product launch");
    assertThat(started.exitCode()).as(started.toString()).isZero();
    String sessionId = started.out().strip();
    await()
        .atMost(Duration.ofSeconds(60))
        .until(
            () ->
                cli(asAnn, "show", sessionId)
                    .out()
                    .startsWith("session " + sessionId + ": WAITING"));

    Run said = cli(asAnn, "say", sessionId, "Make it shorter");
    assertThat(said.exitCode()).as(said.toString()).isZero();
    assertThat(said.out()).isNotBlank();
    await()
        .atMost(Duration.ofSeconds(60))
        .until(
            () ->
                cli(asAnn, "show", sessionId)
                    .out()
                    .startsWith("session " + sessionId + ": WAITING"));
    Run closed = cli(asAnn, "close", sessionId);
    assertThat(closed.exitCode()).as(closed.toString()).isZero();

    Run shown = cli(asAnn, "show", sessionId, "--wait");
    assertThat(shown.out())
        .as(shown.toString())
        .startsWith("session " + sessionId + ": COMPLETED\n")
        .contains("turn 1 > Plan a product launch", "turn 2 > Make it shorter", said.out().strip());
    Run late = cli(asAnn, "say", sessionId, "Still there?");
    assertThat(late.exitCode()).as(late.toString()).isEqualTo(4);
    assertThat(late.err().lines()).singleElement().asString().startsWith("session say: 409 ");
  }

  @Test
  void watchPrintsTheReplyAsItStreamsAndEndsWithTheSession() throws IOException {
    String sessionId = cli(asAnn, "start", "Write a haiku about deployments").out().strip();

    Run watched = cli(asAnn, "watch", sessionId);
    assertThat(watched.exitCode()).as(watched.toString()).isZero();
    String reply =
        JSON.readTree(cli(asAnn, "show", sessionId, "-o", "json").out())
            .at("/result/reply")
            .asText();
    assertThat(watched.out()).isEqualTo(reply + "\n");
    assertThat(watched.err()).as("no spinner on a pipe").isEmpty();

    Run json = cli(asAnn, "watch", sessionId, "-o", "json");
    List<JsonNode> lines = new ArrayList<>();
    for (String line : json.out().lines().toList()) {
      lines.add(JSON.readTree(line));
    }
    assertThat(lines.get(0).path("event").asText()).isEqualTo("accepted");
    assertThat(lines.get(lines.size() - 1).path("id").asText()).isEqualTo("end");
    assertThat(lines.get(lines.size() - 1).at("/data/result/reply").asText()).isEqualTo(reply);

    Run other =
        cli(
            Map.of(
                "HUB_URL",
                asAnn.get("HUB_URL"),
                "HUB_TOKEN",
                hub.tokens().mint("globex", "eve", "sessions:read")),
            "watch",
            sessionId);
    assertThat(other.exitCode()).as(other.toString()).isEqualTo(4);
    assertThat(other.err().lines()).singleElement().asString().startsWith("session watch: 404 ");
  }

  @Test
  void watchFollowsAConversationAcrossReconnectionsUntilItIsClosed() throws Exception {
    String sessionId = cli(asAnn, "start", "--conversation", "Plan a product launch").out().strip();
    double opened = streamsOpened();
    CompletableFuture<Run> watching =
        CompletableFuture.supplyAsync(() -> cli(asAnn, "watch", sessionId));
    await()
        .atMost(Duration.ofSeconds(60))
        .until(
            () ->
                cli(asAnn, "show", sessionId)
                    .out()
                    .startsWith("session " + sessionId + ": WAITING"));
    await("watch has reconnected at least once")
        .atMost(Duration.ofSeconds(60))
        .until(() -> streamsOpened() >= opened + 2);
    Run said = cli(asAnn, "say", sessionId, "Make it shorter");
    assertThat(said.exitCode()).as(said.toString()).isZero();
    await()
        .atMost(Duration.ofSeconds(60))
        .until(
            () ->
                cli(asAnn, "show", sessionId)
                    .out()
                    .startsWith("session " + sessionId + ": WAITING"));
    assertThat(cli(asAnn, "close", sessionId).exitCode()).isZero();

    Run watched = watching.get(3, TimeUnit.MINUTES);
    assertThat(watched.exitCode()).as(watched.toString()).isZero();
    String first =
        JSON.readTree(cli(asAnn, "show", sessionId, "-o", "json").out())
            .at("/transcript/0/reply")
            .asText();
    assertThat(watched.out())
        .as("each reply once, in order")
        .isEqualTo(first + "\nturn 2:\n" + said.out());
  }

  @Test
  void aBadPromptIsTheApisRefusalInOneLine() {
    Run run = cli(asAnn, "start", " ");

    assertThat(run.exitCode()).as(run.toString()).isEqualTo(4);
    assertThat(run.err().lines())
        .singleElement()
        .asString()
        .startsWith("session start: 400 prompt: ");
  }

  @Test
  void anUnknownVerbIsAUsageError() {
    Run run = cli(asAnn, "frobnicate");

    assertThat(run.exitCode()).as(run.toString()).isEqualTo(2);
    assertThat(run.out()).isEmpty();
    assertThat(run.err().lines())
        .singleElement()
        .asString()
        .startsWith("session: unknown verb 'frobnicate'");
  }

  @Test
  void aHubThatIsNotThereIsExitCodeThreeInOneLine() {
    String deadUrl = "http://127.0.0.1:" + Ports.free();

    Run run = cli(Map.of("HUB_URL", deadUrl, "HUB_TOKEN", asAnn.get("HUB_TOKEN")), "list");

    assertThat(run.exitCode()).as(run.toString()).isEqualTo(3);
    assertThat(run.out()).isEmpty();
    assertThat(run.err().lines())
        .singleElement()
        .asString()
        .startsWith("session list: cannot reach the hub at " + deadUrl)
        .contains("./hub up");
  }

  /** The functions' count of event stream responses opened so far. */
  private static double streamsOpened() {
    return hub.gateway()
        .header("Accept", "text/plain")
        .get("/metrics")
        .body()
        .lines()
        .filter(line -> line.startsWith("gateway_event_streams_opened_total"))
        .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
        .sum();
  }

  /**
   * {@code java -jar cli/target/hub-cli.jar args}, which is what {@code ./hub session args} runs
   * once HUB_TOKEN is set; only the given HUB_* variables reach it.
   */
  private static Run cli(Map<String, String> environment, String... args) {
    List<String> command = new ArrayList<>(List.of(javaExecutable(), "-jar", cli.toString()));
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command);
    builder.environment().keySet().removeIf(name -> name.startsWith("HUB_"));
    builder.environment().putAll(environment);
    try {
      Path out = Files.createTempFile("session-cli", ".out");
      Path err = Files.createTempFile("session-cli", ".err");
      try {
        Process process = builder.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!process.waitFor(3, TimeUnit.MINUTES)) {
          process.destroyForcibly();
          throw new AssertionError("the CLI did not end within 3 minutes: " + command);
        }
        return new Run(
            process.exitValue(),
            Files.readString(out, StandardCharsets.UTF_8),
            Files.readString(err, StandardCharsets.UTF_8));
      } finally {
        Files.deleteIfExists(out);
        Files.deleteIfExists(err);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  private static String javaExecutable() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }

  private record Run(int exitCode, String out, String err) {}
}
