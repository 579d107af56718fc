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

  static final Path FIXTURES = Path.of("src/test/resources/cli/functions");

  static CliRun run(KnativeClient client, String... args) {
    return run(() -> client, args);
  }

  static CliRun run(Supplier<KnativeClient> clients, String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code;
    try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
        PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
      code = new KnativeCli(clients, false, o, e, Duration.ofMillis(10), FIXTURES, "hub",
          Clock.systemUTC()).run(args);
    }
    return new CliRun(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }
}
