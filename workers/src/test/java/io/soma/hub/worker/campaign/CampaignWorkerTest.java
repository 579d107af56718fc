package io.soma.hub.worker.campaign;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.soma.hub.orchestration.TaskQueues;
import io.soma.hub.orchestration.campaign.CampaignIds;
import io.soma.hub.orchestration.campaign.CampaignPlan;
import io.soma.hub.orchestration.campaign.CampaignRequest;
import io.soma.hub.orchestration.campaign.CampaignResult;
import io.soma.hub.orchestration.campaign.MarketingCampaignWorkflow;
import io.soma.hub.orchestration.campaign.PlanModule;
import io.soma.hub.orchestration.campaign.PlanTask;
import io.soma.hub.store.campaign.ToolRequests;
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
 * The packaged worker runs a campaign in dry-run mode and exposes its analytics counter on
 * /metrics.
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "spring.datasource.url=jdbc:h2:mem:campaign-worker;DB_CLOSE_DELAY=-1;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE",
      "hub.temporal.embedded=true",
      "hub.temporal.drain-timeout=5s",
      "hub.jwt.secret=campaign-worker-test-secret-0123456789"
    })
class CampaignWorkerTest {

  private static final HttpClient HTTP = HttpClient.newHttpClient();

  @LocalServerPort int port;

  @Autowired WorkflowClient client;

  @Autowired ToolRequests toolRequests;

  @DynamicPropertySource
  static void temporalOnAFreePort(DynamicPropertyRegistry registry) throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      int temporalPort = socket.getLocalPort();
      registry.add("hub.temporal.address", () -> "127.0.0.1:" + temporalPort);
    }
  }

  @Test
  void aCampaignRunsOnTheWorkerInDryRunAndItsCounterIsScraped() {
    List<PlanModule> modules =
        List.of(
            new PlanModule(
                "research_phase",
                "Research",
                "strategist",
                List.of(),
                List.of(new PlanTask("notion.search_database", "Search", Map.of("query", "devs"))),
                List.of()),
            new PlanModule(
                "analytics_tracking",
                "Analytics",
                "distribution_manager",
                List.of("research_phase"),
                List.of(
                    new PlanTask(
                        "memory_gateway.remember",
                        "Remember",
                        Map.of("key", "campaign:Worker Launch"))),
                List.of()));
    CampaignPlan plan =
        new CampaignPlan(
            "plan-wiz-w1",
            "wiz-w1",
            "Worker Launch",
            "2031-01-01",
            false,
            List.of("email"),
            Map.of(),
            modules,
            "1 day",
            List.of(),
            List.of(),
            List.of());
    String campaignId = CampaignIds.forWizard("wiz-w1");
    MarketingCampaignWorkflow campaign =
        client.newWorkflowStub(
            MarketingCampaignWorkflow.class,
            WorkflowOptions.newBuilder()
                .setTaskQueue(TaskQueues.SESSIONS)
                .setWorkflowId(CampaignIds.workflowId(campaignId))
                .setWorkflowRunTimeout(Duration.ofMinutes(2))
                .build());

    CampaignResult result = campaign.run(new CampaignRequest(campaignId, "acme", "alice", plan, 0));

    assertThat(result.status()).isEqualTo("completed");
    assertThat(toolRequests.ofCampaign(campaignId))
        .singleElement()
        .satisfies(r -> assertThat(r.dryRun()).isTrue());
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () -> {
              String metrics = get("/metrics").body();
              assertThat(metrics)
                  .contains("# TYPE campaign_analytics_created_total counter")
                  .contains(
                      "campaign_analytics_created_total{campaign_id=\""
                          + campaignId
                          + "\",campaign_name=\"Worker Launch\"} 1.0");
              assertThat(PromTool.problems(metrics)).isEmpty();
            });
  }

  private HttpResponse<String> get(String path) throws IOException, InterruptedException {
    return HTTP.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
            .header("Accept", "text/plain")
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
