package io.soma.hub.knative.cli;

import io.fabric8.knative.client.KnativeClient;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.function.Supplier;

/** Runs the CLI against a test's client with a short poll interval and captures what it prints. */
record CliRun(int exitCode, String out, String err) {

  /** Plain YAML Services for tests on the mock server, deployed with --manifests. */
  static final Path FIXTURES = Path.of("src/test/resources/cli/functions");

  /** The project's manifests: overlays/local and overlays/production. */
  static final Path MANIFESTS = Path.of(System.getProperty("hub.manifests", "manifests"));

  static CliRun run(KnativeClient client, String... args) {
    return run("hub", () -> client, args);
  }

  static CliRun run(Supplier<KnativeClient> clients, String... args) {
    return run("hub", clients, args);
  }

  /** The CLI with {@code namespace} as its default namespace and the project's manifests. */
  static CliRun run(String namespace, Supplier<KnativeClient> clients, String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code;
    try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
        PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
      code =
          new KnativeCli(
                  clients,
                  false,
                  o,
                  e,
                  Duration.ofMillis(200),
                  MANIFESTS,
                  namespace,
                  Clock.systemUTC())
              .run(args);
    }
    return new CliRun(
        code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  @Override
  public String toString() {
    return "exit " + exitCode + "\n--- out\n" + out + "--- err\n" + err;
  }
}
