package io.soma.hub.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Every failure is one line on stderr, nothing on stdout, and the exit code of its kind. */
class FailuresTest {

  private final FakeHub hub = new FakeHub();

  @AfterEach
  void stop() {
    hub.close();
  }

  @Test
  void aBadRequestNamesTheStatusTheDetailAndTheField() {
    hub.problem(
        400,
        "{\"type\":\"about:blank\",\"title\":\"Bad Request\",\"status\":400,"
            + "\"detail\":\"prompt: must be 1 to 16000 characters and not blank (got 16001)\","
            + "\"instance\":\"/v1/sessions\",\"field\":\"prompt\","
            + "\"rule\":\"must be 1 to 16000 characters and not blank (got 16001)\",\"request_id\":\"r\"}");

    assertFailure(
        CliRun.against(hub.url(), "start", "x".repeat(16001)),
        ExitCodes.REFUSED,
        "session start: 400 prompt: must be 1 to 16000 characters and not blank (got 16001)");
  }

  @Test
  void aFieldAndRuleTheDetailLeavesOutAreAdded() {
    hub.problem(
        400,
        "{\"title\":\"Bad Request\",\"status\":400,\"detail\":\"invalid query\","
            + "\"field\":\"cursor\",\"rule\":\"must be a cursor of this filter\"}");

    assertFailure(
        CliRun.against(hub.url(), "list"),
        ExitCodes.REFUSED,
        "session list: 400 invalid query (cursor: must be a cursor of this filter)");
  }

  @Test
  void cancellingAnEndedSessionSaysHowItEnded() {
    hub.problem(
        409,
        "{\"type\":\"about:blank\",\"title\":\"Conflict\",\"status\":\"COMPLETED\","
            + "\"detail\":\"session s-1 has already ended as COMPLETED; only a running session can be cancelled\"}");
    hub.problem(409, "{\"title\":\"Conflict\",\"status\":\"CANCELLED\"}");

    assertFailure(
        CliRun.against(hub.url(), "cancel", "s-1"),
        ExitCodes.REFUSED,
        "session cancel: 409 session s-1 has already ended as COMPLETED; only a running session can be cancelled");
    assertFailure(
        CliRun.against(hub.url(), "cancel", "s-2"),
        ExitCodes.REFUSED,
        "session cancel: 409 Conflict (status CANCELLED)");
  }

  @Test
  void aRefusedTokenSaysWhatHubTokenMustBe() {
    hub.problem(
        401,
        "{\"title\":\"Unauthorized\",\"status\":401,\"detail\":\"Jwt expired at 2026-12-06T10:00:00Z\"}");

    assertFailure(
        CliRun.against(hub.url(), "list"),
        ExitCodes.REFUSED,
        "session list: 401 Jwt expired at 2026-12-06T10:00:00Z; HUB_TOKEN must be a token this hub accepts");
  }

  @Test
  void theHubsOwnFailuresAreExitCodeFive() {
    hub.problem(
        503,
        "{\"title\":\"Service Unavailable\",\"status\":503,\"detail\":\"Temporal is unreachable;\\n retry later\"}");
    hub.raw(502, "text/html", "<html><body>Bad gateway</body></html>");
    hub.json(200, "not json");

    assertFailure(
        CliRun.against(hub.url(), "show", "s"),
        ExitCodes.HUB_FAILED,
        "session show: 503 Temporal is unreachable; retry later");
    assertFailure(
        CliRun.against(hub.url(), "show", "s"),
        ExitCodes.HUB_FAILED,
        "session show: 502 the hub failed and gave no details");
    assertFailure(
        CliRun.against(hub.url(), "show", "s"),
        ExitCodes.HUB_FAILED,
        "session show: the hub answered 200 with a body that is not a JSON object");
  }

  @Test
  void aHubThatIsNotThereIsExitCodeThreeNamingTheUrl() throws IOException {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }
    String url = "http://127.0.0.1:" + closedPort;

    CliRun run = CliRun.against(url, "list");

    assertThat(run.exitCode()).isEqualTo(ExitCodes.UNREACHABLE);
    assertThat(run.out()).isEmpty();
    assertThat(run.errLines())
        .singleElement()
        .asString()
        .startsWith("session list: cannot reach the hub at " + url + " (")
        .endsWith("); is it running? ./hub up starts one, HUB_URL points elsewhere");
  }

  private static void assertFailure(CliRun run, int exitCode, String line) {
    assertThat(run.exitCode()).as(run.toString()).isEqualTo(exitCode);
    assertThat(run.errLines()).containsExactly(line);
    assertThat(run.out()).isEmpty();
  }
}
