package io.soma.hub.cli;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/** One run of the CLI in this JVM, with its exit code and what it printed on stdout and stderr. */
record CliRun(int exitCode, String out, String err) {

  static CliRun of(Map<String, String> environment, String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code;
    try (PrintStream stdout = new PrintStream(out, true, StandardCharsets.UTF_8);
        PrintStream stderr = new PrintStream(err, true, StandardCharsets.UTF_8)) {
      code = new HubCli(environment, stdout, stderr).run(List.of(args));
    }
    return new CliRun(
        code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  /** Against a hub at this URL with a token. */
  static CliRun against(String url, String... args) {
    return of(Map.of("HUB_URL", url, "HUB_TOKEN", "test-token"), args);
  }

  List<String> errLines() {
    return err.lines().toList();
  }
}
