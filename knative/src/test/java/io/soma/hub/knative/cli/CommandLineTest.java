package io.soma.hub.knative.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.knative.client.KnativeClient;
import java.util.function.Supplier;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CommandLineTest {

  /** A wrong command line must be rejected before any client is even created. */
  static final Supplier<KnativeClient> NO_CLUSTER =
      () -> {
        throw new AssertionError("a usage error reached the cluster");
      };

  @ParameterizedTest(name = "[{index}] {0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "''                                                      | usage: hub knative VERB",
        "frobnicate                                              | unknown verb 'frobnicate'",
        "deploy --image reg/f:1                                  | exactly one of --all or --function NAME",
        "deploy --all --function status --image reg/f:1          | exactly one of --all or --function NAME",
        "deploy --all --image reg/functions                      | --image must name a tag or digest",
        "deploy --all --image localhost:5000/functions           | --image must name a tag or digest",
        "deploy --all --image reg/f:1 --timeout 5x               | --timeout must be a duration like 90s, 5m or 1h",
        "deploy --all --image reg/f:1 --timeout 0s               | --timeout must be longer than zero",
        "deploy --all --image reg/f:1 --imgae reg/f:2            | unknown option --imgae",
        "deploy --all --image                                    | --image needs a value",
        "deploy --all --image reg/f:1 extra                      | deploy takes no arguments, got extra",
        "list hub-status                                         | list takes no arguments",
        "describe                                                | describe needs exactly one service NAME, got 0",
        "delete a b                                              | delete needs exactly one service NAME, got 2",
        "rollback hub-status --to a --to b                       | --to given more than once",
        "traffic hub-status --split                              | --split needs a value",
        "list --all                                              | unknown option --all",
        "list -o wide                                            | -o takes json or yaml, got 'wide'",
        "deploy --all --image reg/f:1 --overlay local -k dir     | deploy takes one of --overlay, -k DIR and --manifests DIR",
        "deploy --all --image reg/f:1 --wait --no-wait           | --wait and --no-wait exclude each other",
        "deploy --all --image reg/f:1 --revision-name Bad_Name   | --revision-name must be a DNS label",
        "deploy --all --image reg/f:1 --overlay staging          | no overlay staging in",
        "deploy --all --image reg/f:1 -k /nonexistent            | no kustomization in /nonexistent",
      })
  @DisplayName("usage errors exit 2 with one clear line, before any cluster call")
  void usageErrors(String line, String message) {
    String[] args = line.isEmpty() ? new String[0] : line.trim().split("\\s+");

    CliRun run = run(args);

    assertThat(run.exitCode()).isEqualTo(CliFailure.USAGE);
    assertThat(run.err()).contains(message);
  }

  @Test
  @DisplayName("help prints the verbs and exits 0")
  void help() {
    CliRun run = run("help");

    assertThat(run.exitCode()).isZero();
    assertThat(run.out())
        .contains(
            "deploy (--all | --function NAME) [--image IMAGE:TAG]",
            "list",
            "describe NAME",
            "traffic NAME",
            "rollback NAME [--to REV]",
            "delete NAME");
  }

  @Test
  @DisplayName("a missing manifest directory is a usage error naming it")
  void missingManifests() {
    CliRun run =
        run("deploy", "--all", "--image", "reg/f:1", "--manifests", "/nonexistent/functions");

    assertThat(run.exitCode()).isEqualTo(CliFailure.USAGE);
    assertThat(run.err()).contains("no manifest directory /nonexistent/functions");
  }

  private static CliRun run(String... args) {
    return CliRun.run(NO_CLUSTER, args);
  }
}
