package io.soma.hub.e2e.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import io.soma.hub.e2e.support.HubJars;
import io.soma.hub.e2e.support.LocalHub;
import io.soma.hub.e2e.support.RequiresHubJars;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The API fuzzer against the whole hub (real Temporal, worker and functions, as ./hub up runs
 * them), with a token that holds every capability: Schemathesis reads /openapi.json, generates
 * valid and invalid requests for every operation and follows the document's links (a session
 * created, then read; a wizard started, answered, approved; a memory remembered, then recalled; a
 * schedule created, then read, paused, unpaused and deleted), and fails on any 5xx, any status,
 * header, content type or body the document does not state, any invalid request taken, any valid
 * one refused, any undocumented method not answered 405. It must find nothing, and the functions
 * must have counted no 5xx.
 *
 * <p>{@code use_after_free} applies to the one DELETE (a deleted schedule must be 404 for every
 * operation after it). {@code object_level_authorization} cannot apply and passes vacuously: it
 * needs peer identities from a login operation Schemathesis can call (tokens come from the tenant's
 * issuer, not from the API); tenant isolation is tested by the session, schedule, wizard, campaign
 * and memory tests instead.
 *
 * <p>{@code ./hub test} runs a fixed seed with few examples per operation; {@code ./hub bench fuzz}
 * a larger run ({@code -Dfuzz.examples}, {@code -Dfuzz.seed}).
 */
@RequiresHubJars
class ApiFuzzEndToEndTest {

  static final List<String> EVERY_CAPABILITY =
      List.of(
          "sessions:write",
          "sessions:read",
          "wizards:write",
          "campaigns:write",
          "memory:write",
          "memory:read",
          "memory:refresh",
          "moderation:bypass",
          "schedules:write",
          "schedules:read");

  @Test
  void theFuzzerFindsNothing() {
    fuzz(
        new ApiFuzzer(
            Integer.getInteger("fuzz.examples", 25), Long.getLong("fuzz.seed", 20261206L)),
        "ci");
  }

  @Test
  @Tag("bench")
  void aLargerRunFindsNothing() throws java.io.IOException {
    ApiFuzzer fuzzer =
        new ApiFuzzer(Integer.getInteger("fuzz.examples", 500), Long.getLong("fuzz.seed", 1L));
    ApiFuzzer.Run run = fuzz(fuzzer, "bench");
    Path result =
        Files.createDirectories(HubJars.root().resolve("e2e/target/bench")).resolve("fuzz-result");
    Files.writeString(
        result,
        "fuzz: "
            + fuzzer.examples()
            + " examples per operation and phase, seed "
            + fuzzer.seed()
            + ": "
            + run.summary()
                .lines()
                .filter(l -> l.contains("generated"))
                .findFirst()
                .orElse("")
                .trim()
            + "\n");
  }

  static ApiFuzzer.Run fuzz(ApiFuzzer fuzzer, String name) {
    try (LocalHub hub = LocalHub.builder().quickStartJvms().start()) {
      String token =
          hub.tokens()
              .mint(
                  "fuzz",
                  "schemathesis",
                  java.time.Duration.ofHours(4),
                  EVERY_CAPABILITY.toArray(String[]::new));
      String document = "http://" + hub.functionsTarget() + "/openapi.json";
      Path directory = HubJars.root().resolve("e2e/target/fuzz/" + name);

      ApiFuzzer.Run run = fuzzer.run(document, token, directory, Duration.ofMinutes(90));

      System.out.println(run.summary());
      assertThat(run.foundNothing())
          .as("Schemathesis found failures; its whole output: %s%n%s", run.log(), run.summary())
          .isTrue();
      String metrics = hub.gateway().header("Accept", "text/plain").get("/metrics").body();
      assertThat(metrics)
          .as("the functions' 5xx count")
          .contains("gateway_server_errors_total 0.0");
      return run;
    }
  }
}
