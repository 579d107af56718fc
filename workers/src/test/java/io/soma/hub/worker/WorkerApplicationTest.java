package io.soma.hub.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.soma.hub.orchestration.TaskQueues;
import io.soma.hub.orchestration.session.SessionIds;
import io.soma.hub.orchestration.session.SessionRequest;
import io.soma.hub.orchestration.session.SessionResult;
import io.soma.hub.orchestration.session.SessionWorkflow;
import io.soma.hub.telemetry.PromTool;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The packaged application against the embedded Temporal server: probes, the scrape, and a session
 * end to end.
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "spring.datasource.url=jdbc:h2:mem:worker-app;DB_CLOSE_DELAY=-1;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE",
      "hub.temporal.embedded=true",
      "hub.temporal.metrics-report-interval=1s",
      "hub.temporal.drain-timeout=5s",
      "hub.jwt.secret=worker-application-test-secret-0123456789"
    })
class WorkerApplicationTest {

  private static final HttpClient HTTP = HttpClient.newHttpClient();

  @LocalServerPort int port;

  @Autowired WorkflowClient client;

  @DynamicPropertySource
  static void temporalOnAFreePort(DynamicPropertyRegistry registry) throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      int temporalPort = socket.getLocalPort();
      registry.add("hub.temporal.address", () -> "127.0.0.1:" + temporalPort);
    }
  }

  @Test
  void readinessTurnsUpOnceTheWorkerPollsAndLivenessIsUp() throws Exception {
    await()
        .atMost(Duration.ofSeconds(60))
        .untilAsserted(() -> assertThat(get("/health/readiness").statusCode()).isEqualTo(200));
    assertThat(get("/health/readiness").body()).contains("\"status\":\"UP\"");
    assertThat(get("/health/liveness").body()).contains("\"status\":\"UP\"");
  }

  @Test
  void aSessionRunsOnTheWorkerAndTemporalMetricsAreScraped() {
    SessionRequest request =
        new SessionRequest(
            SessionIds.newSessionId(),
            "acme",
            "alice",
            List.of("sessions:read"),
            "Say hello to the hub.",
            null,
            Map.of());
    SessionWorkflow session =
        client.newWorkflowStub(
            SessionWorkflow.class,
            WorkflowOptions.newBuilder()
                .setTaskQueue(TaskQueues.SESSIONS)
                .setWorkflowId(SessionIds.workflowId(request.sessionId()))
                .setWorkflowRunTimeout(Duration.ofMinutes(2))
                .build());

    SessionResult result = session.run(request);

    assertThat(result.provider()).isEqualTo("offline");
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () -> {
              HttpResponse<String> metrics = get("/metrics");
              assertThat(metrics.statusCode()).isEqualTo(200);
              assertThat(metrics.headers().firstValue("Content-Type"))
                  .hasValueSatisfying(type -> assertThat(type).startsWith("text/plain"));
              assertThat(metrics.body())
                  .contains("# TYPE temporal_workflow_completed_total counter")
                  .contains("workflow_type=\"session-start-workflow\"")
                  .contains("temporal_request_total")
                  .contains("jvm_memory_used_bytes");
              assertThat(PromTool.problems(metrics.body())).isEmpty();
            });
  }

  private HttpResponse<String> get(String path) throws IOException, InterruptedException {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
            .header("Accept", "text/plain, */*")
            .build();
    return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
  }
}
