package io.soma.hub.e2e.observability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.soma.hub.e2e.support.Commands;
import io.soma.hub.e2e.support.HubJars;
import io.soma.hub.e2e.support.JsonHttp;
import io.soma.hub.e2e.support.LocalHub;
import io.soma.hub.e2e.support.LogStore;
import io.soma.hub.e2e.support.RequiresHubJars;
import io.soma.hub.e2e.support.SessionCalls;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code ./hub logs} against the hub's processes shipping to a real log store (VictoriaLogs, as
 * {@code ./hub up} runs it): a session's lines, and one function's requests, without curl or
 * LogsQL.
 */
@RequiresHubJars
class HubLogsEndToEndTest {

  private static LogStore logs;
  private static LocalHub hub;

  @BeforeAll
  static void startTheHubShippingToTheLogStore() throws IOException {
    logs = LogStore.start();
    hub = LocalHub.builder().quickStartJvms().env("LOKI_URL", logs.lokiUrl()).start();
  }

  @AfterAll
  static void stopThem() {
    try (LogStore second = logs;
        LocalHub first = hub) {
      // closes both, the hub first
    }
  }

  @Test
  void showsASessionsLinesFromTheGatewayAndTheWorker() {
    JsonHttp ann =
        hub.gateway().as(hub.tokens().mint("acme", "ann", "sessions:write", "sessions:read"));
    String sessionId = SessionCalls.create(ann, "Plan a product launch");
    SessionCalls.awaitFinished(ann, sessionId, Duration.ofMinutes(2));

    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () ->
                assertThat(hubLogs("--session", sessionId).output())
                    .contains("Session " + sessionId + " of tenant acme started")
                    .contains("Session " + sessionId + " completed"));
    Commands.Result ofSession = hubLogs("--session", sessionId);
    assertThat(ofSession.exitCode()).isZero();
    assertThat(ofSession.output().lines()).allSatisfy(line -> assertThat(line).contains(sessionId));

    Commands.Result createSession =
        hubLogs("--function", "createSession", "--since", "1h", "-n", "5");
    assertThat(createSession.exitCode()).isZero();
    assertThat(createSession.output().lines())
        .hasSizeLessThanOrEqualTo(5)
        .allSatisfy(line -> assertThat(line).contains("function=createSession"));
  }

  @Test
  void refusesWhatWouldNotBeAPlainFilter() {
    for (List<String> arguments :
        List.of(
            List.of("--session", "a\" OR *"),
            List.of("--function", "create Session"),
            List.of("--since", "ever"),
            List.of("-n", "0"),
            List.of("--colour"))) {
      Commands.Result result = hubLogs(arguments.toArray(String[]::new));
      assertThat(result.exitCode()).as("%s: %s", arguments, result.output()).isNotZero();
      assertThat(result.output()).as("%s", arguments).startsWith("hub: error: ");
    }
  }

  private static Commands.Result hubLogs(String... arguments) {
    List<String> command =
        new ArrayList<>(List.of(HubJars.root().resolve("hub").toString(), "logs"));
    command.addAll(List.of(arguments));
    return Commands.run(
        HubJars.root(), Duration.ofSeconds(60), Map.of("HUB_LOGS_URL", logs.url()), command);
  }
}
