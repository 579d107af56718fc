package io.soma.hub.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Mistakes of the caller: exit code 2, one line on stderr, nothing on stdout, and no request sent.
 */
class UsageErrorsTest {

  private static final Map<String, String> TOKEN =
      Map.of("HUB_TOKEN", "t", "HUB_URL", "http://127.0.0.1:1");

  @Test
  void helpPrintsTheVerbsAndTheExitCodesOnStdout() {
    for (String help : new String[] {"help", "--help", "-h"}) {
      CliRun run = CliRun.of(Map.of(), help);
      assertThat(run.exitCode()).isZero();
      assertThat(run.out())
          .contains(
              "start \"prompt\"", "list [--status", "show ID [--wait]", "cancel ID", "-o json");
      assertThat(run.out())
          .contains(
              "2  usage", "3  cannot reach the hub", "4  the API refused", "5  the hub failed");
      assertThat(run.err()).isEmpty();
    }
    assertThat(CliRun.of(Map.of(), "list", "--help").out()).startsWith("usage: ./hub session VERB");
  }

  @Test
  void noVerbPrintsTheUsageOnStderr() {
    CliRun run = CliRun.of(Map.of());

    assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(run.out()).isEmpty();
    assertThat(run.err()).startsWith("usage: ./hub session VERB");
  }

  @Test
  void anUnknownVerbNamesTheKnownOnes() {
    CliRun run = CliRun.of(TOKEN, "follow", "abc");

    assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(run.errLines())
        .containsExactly(
            "session: unknown verb 'follow'; the verbs are start, list, show, watch, say, close, cancel"
                + " (./hub session help)");
  }

  @Test
  void badArgumentsAreOneLineEach() {
    assertUsage(CliRun.of(TOKEN, "start"), "session start: missing the prompt");
    assertUsage(
        CliRun.of(TOKEN, "start", "two", "words"),
        "session start: expected the prompt as one word, got 2 (quote it)");
    assertUsage(
        CliRun.of(TOKEN, "start", "x", "--metadata", "novalue"),
        "session start: --metadata takes key=value, got 'novalue'");
    assertUsage(
        CliRun.of(TOKEN, "start", "x", "--metadata", "a=1", "--metadata", "a=2"),
        "session start: --metadata names the key 'a' twice");
    assertUsage(
        CliRun.of(TOKEN, "list", "--status", "DONE"),
        "session list: --status takes RUNNING, COMPLETED, FAILED or CANCELLED, got 'DONE'");
    assertUsage(
        CliRun.of(TOKEN, "list", "--limit", "101"),
        "session list: --limit takes a number from 1 to 100, got '101'");
    assertUsage(
        CliRun.of(TOKEN, "list", "--limit", "ten"),
        "session list: --limit takes a number from 1 to 100, got 'ten'");
    assertUsage(CliRun.of(TOKEN, "list", "extra"), "session list: takes no words, got 'extra'");
    assertUsage(CliRun.of(TOKEN, "show"), "session show: missing the session id");
    assertUsage(
        CliRun.of(TOKEN, "show", "id", "--follow"), "session show: unknown option --follow");
    assertUsage(
        CliRun.of(TOKEN, "cancel", "id", "--wait"), "session cancel: unknown option --wait");
    assertUsage(
        CliRun.of(TOKEN, "cancel", "id", "-o", "yaml"),
        "session cancel: -o takes json or text, got 'yaml'");
  }

  @Test
  void aMissingTokenOrABadUrlIsAUsageErrorToo() {
    assertUsage(
        CliRun.of(Map.of("HUB_URL", "https://hub.example.com"), "list"),
        "session list: HUB_TOKEN is not set: set it to a bearer token of the hub at https://hub.example.com with"
            + " sessions:write,sessions:read (./hub session mints one only for a hub on this machine)");
    assertUsage(
        CliRun.of(Map.of("HUB_URL", "localhost:8080", "HUB_TOKEN", "t"), "list"),
        "session list: HUB_URL must be an http:// or https:// URL such as http://127.0.0.1:8080, got 'localhost:8080'");
  }

  private static void assertUsage(CliRun run, String line) {
    assertThat(run.exitCode()).as(run.toString()).isEqualTo(ExitCodes.USAGE);
    assertThat(run.errLines()).containsExactly(line);
    assertThat(run.out()).isEmpty();
  }
}
