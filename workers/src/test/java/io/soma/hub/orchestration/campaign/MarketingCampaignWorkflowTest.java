package io.soma.hub.orchestration.campaign;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.exactly;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import io.soma.hub.orchestration.model.OfflineModelProvider;
import io.soma.hub.orchestration.model.OpenAiCompatibleProvider;
import io.soma.hub.orchestration.tools.ToolFailures;
import io.soma.hub.orchestration.tools.ToolSettings;
import io.soma.hub.store.campaign.ToolRequests;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowFailedException;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.failure.ApplicationFailure;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.testing.TestWorkflowExtension;
import io.temporal.worker.Worker;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class MarketingCampaignWorkflowTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final List<String> FORWARD_ORDER =
      List.of(
          CampaignModules.RESEARCH,
          CampaignModules.CONTENT,
          CampaignModules.DESIGN,
          CampaignModules.REVIEW);

  @RegisterExtension
  static final TestWorkflowExtension testWorkflow =
      TestWorkflowExtension.newBuilder()
          .registerWorkflowImplementationTypes(MarketingCampaignWorkflowImpl.class)
          .setDoNotStart(true)
          .build();

  @RegisterExtension
  static final WireMockExtension tools =
      WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  private final CampaignStoreFixture store = CampaignStoreFixture.migrated();

  private ToolSettings liveTools() {
    String base = tools.baseUrl();
    return new ToolSettings(
        base + "/slack/hook",
        base + "/github",
        "gh-token",
        "acme-org",
        base + "/hook",
        "hook-token",
        Duration.ofSeconds(2),
        Duration.ofSeconds(5));
  }

  private void stubTools() {
    tools.stubFor(post("/slack/hook").willReturn(aResponse().withStatus(200).withBody("ok")));
    tools.stubFor(
        post(urlPathMatching("/github/repos/.*/pulls"))
            .willReturn(
                okJson(
                        "{\"html_url\":\"https://github.com/acme-org/marketing-content/pull/7\",\"number\":7}")
                    .withStatus(201)));
    tools.stubFor(
        post("/hook")
            .willReturn(
                okJson("{\"status\":\"ok\",\"file_url\":\"https://cdn.example/asset.png\"}")));
    tools.stubFor(
        post("/v1/chat/completions")
            .willReturn(
                okJson(
                    "{\"model\":\"test-model\",\"choices\":[{\"message\":{\"role\":\"assistant\",\"content\":"
                        + JSON.valueToTree(
                            "Sure!\n```json\n{'headline': 'Ship faster', 'tagline': 'Soma for teams', 'email_subject': 'Meet Soma',"
                                + " 'email_body': 'Hello', 'social_post': 'Soma is here', 'blog_outline': ['Intro', 'Demo'],}\n```")
                        + "}}]}")));
  }

  private void register(
      Worker worker, ToolSettings settings, io.soma.hub.orchestration.model.ModelProvider model) {
    worker.registerActivitiesImplementations(
        store.activities(settings, model), store.compensations(settings));
  }

  private MarketingCampaignWorkflow stub(
      WorkflowClient client, WorkflowOptions options, CampaignRequest request) {
    return client.newWorkflowStub(
        MarketingCampaignWorkflow.class, CampaignPlans.startOptions(options, request));
  }

  private static void awaitPhase(MarketingCampaignWorkflow campaign, String phase) {
    await().atMost(Duration.ofSeconds(60)).until(() -> campaign.progress().phase().equals(phase));
  }

  @Test
  void anApprovedCampaignRunsEveryModuleThroughTheToolsAndAppliesContentUpdatesBeforeDistribution(
      TestWorkflowEnvironment env, Worker worker, WorkflowClient client, WorkflowOptions options)
      throws Exception {
    stubTools();
    register(
        worker,
        liveTools(),
        new OpenAiCompatibleProvider(
            tools.baseUrl(), "test-model", null, Duration.ofSeconds(2), Duration.ofSeconds(5)));
    env.start();
    CampaignRequest request = CampaignPlans.request(CampaignPlans.marketing(true, true), 3600);
    MarketingCampaignWorkflow campaign = stub(client, options, request);
    WorkflowClient.start(campaign::run, request);

    awaitPhase(campaign, CampaignState.AWAITING_APPROVAL);
    CampaignProgress waiting = campaign.progress();
    assertThat(waiting.approval().state()).isEqualTo(CampaignState.WAITING);
    assertThat(waiting.modules())
        .extracting(CampaignProgress.ModuleProgress::status)
        .containsExactly("completed", "completed", "completed", "running", "pending", "pending");
    campaign.updateContent(new ContentUpdate("headline", "Ship even faster"));
    campaign.decide(new ApprovalDecision(true, "looks good", "bob"));

    CampaignResult result = WorkflowStub.fromTyped(campaign).getResult(CampaignResult.class);

    assertThat(result.status()).isEqualTo("completed");
    assertThat(result.compensated()).isEmpty();
    assertThat(result.outputs().keySet())
        .containsExactly(
            CampaignModules.RESEARCH,
            CampaignModules.CONTENT,
            CampaignModules.DESIGN,
            CampaignModules.REVIEW,
            CampaignModules.DISTRIBUTION,
            CampaignModules.ANALYTICS);
    assertThat(ContentCreation.piecesOf(result.outputs().get(CampaignModules.CONTENT)))
        .containsEntry("headline", "Ship faster")
        .containsEntry("blog_outline", "Intro\nDemo");
    Map<String, Object> distribution = result.outputs().get(CampaignModules.DISTRIBUTION);
    assertThat(distribution.get("published_channels")).isEqualTo(CampaignPlans.CHANNELS);
    assertThat(ContentCreation.piecesOf(Map.of("content_pieces", distribution.get("content"))))
        .containsEntry("headline", "Ship even faster");
    Map<String, Object> analytics = result.outputs().get(CampaignModules.ANALYTICS);
    assertThat(analytics)
        .containsEntry(
            "metrics_query_hint",
            "max by (campaign_id,campaign_name) (campaign_analytics_created_total)");
    assertThat(analytics.get("logs_label_hint"))
        .isEqualTo(
            Map.of(
                "app",
                "soma-hub-worker",
                "campaign_id",
                request.campaignId(),
                "campaign_name",
                "Spring Launch"));
    assertThat(result.outputs().get(CampaignModules.REVIEW))
        .containsEntry("github_pr_url", "https://github.com/acme-org/marketing-content/pull/7")
        .containsEntry("approval", "approved");

    CampaignProgress done = campaign.progress();
    assertThat(done.phase()).isEqualTo("completed");
    assertThat(done.percentage()).isEqualTo(100);
    assertThat(done.contentUpdates()).isEqualTo(1);
    assertThat(done.approval())
        .isEqualTo(new CampaignProgress.ApprovalState(true, "approved", "looks good", "bob"));

    tools.verify(
        exactly(1),
        postRequestedFor(urlEqualTo("/github/repos/acme-org/marketing-content/pulls"))
            .withHeader("Authorization", equalTo("Bearer gh-token"))
            .withHeader("Accept", equalTo("application/vnd.github+json"))
            .withHeader("X-GitHub-Api-Version", equalTo("2022-11-28"))
            .withHeader(
                "Idempotency-Key", equalTo(request.campaignId() + ":review_approval:pull-request"))
            .withRequestBody(matchingJsonPath("$.title", equalTo("Campaign: Spring Launch")))
            .withRequestBody(matchingJsonPath("$.head", equalTo("campaign/Spring Launch")))
            .withRequestBody(matchingJsonPath("$.base", equalTo("main"))));
    tools.verify(
        postRequestedFor(urlEqualTo("/slack/hook"))
            .withRequestBody(matchingJsonPath("$.channel", equalTo("#marketing-approvals")))
            .withRequestBody(
                matchingJsonPath(
                    "$.blocks[1].elements[0].url",
                    equalTo("https://github.com/acme-org/marketing-content/pull/7"))));
    tools.verify(
        postRequestedFor(urlEqualTo("/hook"))
            .withHeader("Authorization", equalTo("Bearer hook-token"))
            .withRequestBody(matchingJsonPath("$.action", equalTo("figma.render_component")))
            .withRequestBody(matchingJsonPath("$.params.channel", equalTo("blog")))
            .withRequestBody(matchingJsonPath("$.params.component", equalTo("blog_header"))));
    tools.verify(
        postRequestedFor(urlEqualTo("/hook"))
            .withRequestBody(matchingJsonPath("$.action", equalTo("sendgrid.send_campaign")))
            .withRequestBody(matchingJsonPath("$.params.subject", equalTo("Meet Soma"))));

    assertThat(store.toolRequests().ofCampaign(request.campaignId()))
        .isNotEmpty()
        .noneMatch(ToolRequests.Recorded::dryRun);
    assertThat(store.analyticsRows(request.campaignId())).isEqualTo(1);
    assertThat(CampaignStoreFixture.counters(store.registry(), request.campaignId()))
        .singleElement()
        .satisfies(
            counter -> {
              assertThat(counter.count()).isEqualTo(1.0);
              assertThat(counter.getId().getTag("campaign_name")).isEqualTo("Spring Launch");
            });
    assertThat(store.artifacts().ofModule(request.campaignId(), CampaignModules.ANALYTICS))
        .singleElement()
        .satisfies(
            artifact -> {
              assertThat(artifact.name()).isEqualTo("campaign:Spring Launch");
              JsonNode content = JSON.readTree(artifact.content());
              assertThat(content.at("/metadata/launch_date").asText()).isEqualTo("2031-05-01");
              assertThat(content.at("/metadata/campaign").asText()).isEqualTo("Spring Launch");
            });
    assertThat(store.artifacts().ofModule(request.campaignId(), CampaignModules.CONTENT))
        .extracting(a -> a.name())
        .contains("headline", "tagline", "email_body");
  }

  @Test
  void withoutApprovalTheCampaignRunsInDryRunWhetherTheWizardDroppedTheReviewModuleOrNot(
      TestWorkflowEnvironment env, Worker worker, WorkflowClient client, WorkflowOptions options) {
    register(worker, ToolSettings.dryRun(), new OfflineModelProvider());
    env.start();

    CampaignRequest dropped = CampaignPlans.request(CampaignPlans.marketing(false, false), 3600);
    CampaignResult droppedResult = stub(client, options, dropped).run(dropped);
    CampaignRequest kept = CampaignPlans.request(CampaignPlans.marketing(false, true), 3600);
    MarketingCampaignWorkflow keptCampaign = stub(client, options, kept);
    CampaignResult keptResult = keptCampaign.run(kept);

    assertThat(droppedResult.status()).isEqualTo("completed");
    assertThat(droppedResult.outputs())
        .doesNotContainKey(CampaignModules.REVIEW)
        .containsKey(CampaignModules.ANALYTICS);
    assertThat(keptResult.status()).isEqualTo("completed");
    assertThat(keptResult.outputs()).doesNotContainKey(CampaignModules.REVIEW);
    CampaignProgress progress = keptCampaign.progress();
    assertThat(progress.approval())
        .isEqualTo(new CampaignProgress.ApprovalState(false, "not_required", null, null));
    assertThat(progress.modules())
        .filteredOn(m -> m.id().equals(CampaignModules.REVIEW))
        .extracting(CampaignProgress.ModuleProgress::status)
        .containsExactly("skipped");
    assertThat(progress.percentage()).isEqualTo(100);

    List<ToolRequests.Recorded> requests = store.toolRequests().ofCampaign(kept.campaignId());
    assertThat(requests)
        .isNotEmpty()
        .allMatch(ToolRequests.Recorded::dryRun)
        .allMatch(ToolRequests.Recorded::answered);
    assertThat(requests)
        .extracting(ToolRequests.Recorded::action)
        .doesNotContain(ReviewRequest.PULL_REQUEST);
    assertThat(requests.get(0).response()).contains("\"dry_run\":true");
    assertThat(store.toolActions(kept.campaignId()))
        .contains(
            "notion.search_database",
            "figma.render_component",
            "sendgrid.send_campaign",
            "buffer.schedule_post");
    assertThat(droppedResult.outputs().get(CampaignModules.CONTENT))
        .containsEntry("provider", "offline");
    tools.verify(exactly(0), postRequestedFor(urlPathMatching(".*")));
  }

  @Test
  void independentModulesRunInParallel(
      TestWorkflowEnvironment env, Worker worker, WorkflowClient client, WorkflowOptions options) {
    tools.stubFor(post("/hook").willReturn(okJson("{\"status\":\"ok\"}").withFixedDelay(1500)));
    register(worker, liveTools(), new OfflineModelProvider());
    env.start();
    CampaignPlan plan =
        CampaignPlans.plan(
            false,
            List.of(
                CampaignPlans.task("a"),
                CampaignPlans.task("b", "a"),
                CampaignPlans.task("c", "a"),
                CampaignPlans.task("d", "b", "c")));
    CampaignRequest request = CampaignPlans.request(plan, 60);

    CampaignResult result = stub(client, options, request).run(request);

    assertThat(result.status()).isEqualTo("completed");
    Map<String, Instant> received = new java.util.HashMap<>();
    for (ServeEvent event : tools.getAllServeEvents()) {
      String title =
          event.getRequest().getBodyAsString().replaceAll(".*\"title\":\"([a-d])\".*", "$1");
      received.put(title, event.getRequest().getLoggedDate().toInstant());
    }
    assertThat(received).containsOnlyKeys("a", "b", "c", "d");
    assertThat(Duration.between(received.get("b"), received.get("c")).abs())
        .as("b and c were sent while the other one was still being answered")
        .isLessThan(Duration.ofMillis(1500));
    assertThat(received.get("d"))
        .isAfter(received.get("b").plusMillis(1400))
        .isAfter(received.get("c").plusMillis(1400));
    assertThat(received.get("b")).isAfter(received.get("a").plusMillis(1400));
  }

  @Test
  void anApprovalThatNeverComesTimesOutAndCompensatesInReverseOrder(
      TestWorkflowEnvironment env, Worker worker, WorkflowClient client, WorkflowOptions options) {
    register(worker, ToolSettings.dryRun(), new OfflineModelProvider());
    env.start();
    CampaignRequest request =
        CampaignPlans.request(
            CampaignPlans.marketing(true, true), Duration.ofHours(24).toSeconds());
    MarketingCampaignWorkflow campaign = stub(client, options, request);
    Instant started = Instant.ofEpochMilli(env.currentTimeMillis());

    CampaignResult result = campaign.run(request);

    assertThat(Duration.between(started, Instant.ofEpochMilli(env.currentTimeMillis())))
        .isGreaterThanOrEqualTo(Duration.ofHours(24));
    assertThat(result.status()).isEqualTo("timed_out");
    assertThat(result.failure()).contains("86400 s");
    List<String> reversed = reversed(FORWARD_ORDER);
    assertThat(result.compensated()).isEqualTo(reversed);
    assertThat(compensationRequests(request)).isEqualTo(reversed);
    CampaignProgress progress = campaign.progress();
    assertThat(progress.phase()).isEqualTo("timed_out");
    assertThat(progress.approval().state()).isEqualTo("timed_out");
    assertThat(progress.compensated()).isEqualTo(reversed);
    assertThat(progress.modules())
        .extracting(CampaignProgress.ModuleProgress::status)
        .containsExactly(
            "compensated", "compensated", "compensated", "compensated", "pending", "pending");
    assertThat(store.artifacts().ofModule(request.campaignId(), CampaignModules.CONTENT)).isEmpty();
    assertThat(store.analyticsRows(request.campaignId())).isZero();
  }

  @Test
  void aRejectedCampaignIsCompensatedInReverseOrderOfCompletion(
      TestWorkflowEnvironment env, Worker worker, WorkflowClient client, WorkflowOptions options) {
    stubTools();
    // the first pull request attempt meets a 503 and is retried
    tools.stubFor(
        post(urlPathMatching("/github/repos/.*/pulls"))
            .inScenario("flaky")
            .whenScenarioStateIs(com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED)
            .willReturn(aResponse().withStatus(503))
            .willSetStateTo("recovered"));
    tools.stubFor(
        post(urlPathMatching("/github/repos/.*/pulls"))
            .inScenario("flaky")
            .whenScenarioStateIs("recovered")
            .willReturn(
                okJson(
                        "{\"html_url\":\"https://github.com/acme-org/marketing-content/pull/8\",\"number\":8}")
                    .withStatus(201)));
    register(worker, liveTools(), new OfflineModelProvider());
    env.start();
    CampaignRequest request = CampaignPlans.request(CampaignPlans.marketing(true, true), 3600);
    MarketingCampaignWorkflow campaign = stub(client, options, request);
    WorkflowClient.start(campaign::run, request);
    awaitPhase(campaign, CampaignState.AWAITING_APPROVAL);

    campaign.approval(new ApprovalDecision(false, "off-brand", "carol"));
    CampaignResult result = WorkflowStub.fromTyped(campaign).getResult(CampaignResult.class);

    assertThat(result.status()).isEqualTo("rejected");
    assertThat(result.failure()).isEqualTo("rejected by carol: off-brand");
    assertThat(result.compensated()).isEqualTo(reversed(FORWARD_ORDER));
    assertThat(compensationRequests(request)).isEqualTo(reversed(FORWARD_ORDER));
    tools.verify(exactly(2), postRequestedFor(urlPathMatching("/github/repos/.*/pulls")));
    tools.verify(
        postRequestedFor(urlEqualTo("/hook"))
            .withRequestBody(matchingJsonPath("$.action", equalTo("github.close_pull_request")))
            .withRequestBody(matchingJsonPath("$.params.pull_number", equalTo("8"))));
    assertThat(webhookActions())
        .containsSubsequence(
            "github.close_pull_request",
            "figma.delete_assets",
            "content.delete_drafts",
            "campaign.revert_module");
    CampaignProgress progress = campaign.progress();
    assertThat(progress.phase()).isEqualTo("rejected");
    assertThat(progress.approval())
        .isEqualTo(new CampaignProgress.ApprovalState(true, "rejected", "off-brand", "carol"));
  }

  @Test
  void aToolRejectionFailsTheCampaignAfterCompensatingWithoutRetryingTheTool(
      TestWorkflowEnvironment env, Worker worker, WorkflowClient client, WorkflowOptions options) {
    stubTools();
    tools.stubFor(
        post(urlPathMatching("/github/repos/.*/pulls"))
            .willReturn(
                aResponse().withStatus(422).withBody("{\"message\":\"Validation Failed\"}")));
    register(worker, liveTools(), new OfflineModelProvider());
    env.start();
    CampaignRequest request = CampaignPlans.request(CampaignPlans.marketing(true, true), 3600);
    MarketingCampaignWorkflow campaign = stub(client, options, request);

    assertThatThrownBy(() -> campaign.run(request))
        .isInstanceOf(WorkflowFailedException.class)
        .cause()
        .isInstanceOfSatisfying(
            ApplicationFailure.class,
            failure -> {
              assertThat(failure.getType()).isEqualTo(CampaignFailures.CAMPAIGN_FAILED);
              assertThat(failure.getOriginalMessage())
                  .contains("module review_approval", "HTTP 422", "Validation Failed");
            });

    List<String> reversed =
        reversed(
            List.of(CampaignModules.RESEARCH, CampaignModules.CONTENT, CampaignModules.DESIGN));
    assertThat(compensationRequests(request)).isEqualTo(reversed);
    tools.verify(exactly(1), postRequestedFor(urlPathMatching("/github/repos/.*/pulls")));
    CampaignProgress progress = campaign.progress();
    assertThat(progress.phase()).isEqualTo("failed");
    assertThat(progress.compensated()).isEqualTo(reversed);
    assertThat(progress.modules())
        .filteredOn(m -> m.id().equals(CampaignModules.REVIEW))
        .singleElement()
        .satisfies(
            m -> {
              assertThat(m.status()).isEqualTo("failed");
              assertThat(m.error()).contains("HTTP 422");
            });
    assertThat(store.toolRequests().find(request.campaignId() + ":review_approval:pull-request"))
        .hasValueSatisfying(r -> assertThat(r.answered()).isFalse());
    assertThat(ToolFailures.REJECTED).isEqualTo("ToolRejected");
  }

  @Test
  void anInvalidPlanStartsNothing(
      TestWorkflowEnvironment env, Worker worker, WorkflowClient client, WorkflowOptions options) {
    register(worker, ToolSettings.dryRun(), new OfflineModelProvider());
    env.start();
    CampaignPlan cyclic =
        CampaignPlans.plan(
            false, List.of(CampaignPlans.task("a", "b"), CampaignPlans.task("b", "a")));
    CampaignRequest request = CampaignPlans.request(cyclic, 60);

    assertThatThrownBy(() -> stub(client, options, request).run(request))
        .isInstanceOf(WorkflowFailedException.class)
        .cause()
        .isInstanceOfSatisfying(
            ApplicationFailure.class,
            failure -> {
              assertThat(failure.getType()).isEqualTo(CampaignFailures.INVALID_PLAN);
              assertThat(failure.getOriginalMessage()).contains("cycle");
            });
    assertThat(store.toolRequests().ofCampaign(request.campaignId())).isEmpty();
  }

  @Test
  void analyticsTrackingCountsACampaignOnceWhenItsActivityIsRetried(
      TestWorkflowEnvironment env, Worker worker, WorkflowClient client, WorkflowOptions options) {
    CampaignMemory failsOnce =
        new FailsOnceAfterAnalytics(new ArtifactCampaignMemory(store.artifacts()));
    worker.registerActivitiesImplementations(
        store.activities(ToolSettings.dryRun(), new OfflineModelProvider(), failsOnce),
        store.compensations(ToolSettings.dryRun()));
    env.start();
    CampaignRequest request = CampaignPlans.request(CampaignPlans.marketing(false, false), 60);

    CampaignResult result = stub(client, options, request).run(request);

    assertThat(result.status()).isEqualTo("completed");
    assertThat(((FailsOnceAfterAnalytics) failsOnce).failures).isEqualTo(1);
    assertThat(store.analyticsRows(request.campaignId())).isEqualTo(1);
    assertThat(CampaignStoreFixture.counters(store.registry(), request.campaignId()))
        .singleElement()
        .satisfies(counter -> assertThat(counter.count()).isEqualTo(1.0));

    // the same activity invoked again directly, as a retry on another worker would
    ModuleInput again =
        new ModuleInput(
            request.campaignId(),
            request.tenant(),
            "alice",
            CampaignPlans.NAME,
            "2031-05-01",
            CampaignPlans.CHANNELS,
            Map.of(),
            request.plan().modules().get(request.plan().modules().size() - 1),
            Map.of(),
            Map.of());
    store.activities(ToolSettings.dryRun(), new OfflineModelProvider()).trackAnalytics(again);
    assertThat(store.analyticsRows(request.campaignId())).isEqualTo(1);
    assertThat(CampaignStoreFixture.counters(store.registry(), request.campaignId())).hasSize(1);

    // a restarted worker: a fresh registry gets the series back from the store
    io.micrometer.core.instrument.simple.SimpleMeterRegistry restarted =
        new io.micrometer.core.instrument.simple.SimpleMeterRegistry();
    assertThat(store.meters(restarted).registerRecent()).isEqualTo(1);
    assertThat(CampaignStoreFixture.counters(restarted, request.campaignId()))
        .singleElement()
        .satisfies(counter -> assertThat(counter.count()).isEqualTo(1.0));
  }

  private List<String> compensationRequests(CampaignRequest request) {
    return store.toolRequests().ofCampaign(request.campaignId()).stream()
        .filter(r -> r.requestId().contains(":compensate:"))
        .sorted(Comparator.comparing(ToolRequests.Recorded::recordedAt))
        .map(r -> r.requestId().substring(r.requestId().lastIndexOf(':') + 1))
        .toList();
  }

  private static List<String> webhookActions() {
    List<ServeEvent> events = new java.util.ArrayList<>(tools.getAllServeEvents());
    events.sort(Comparator.comparing(e -> e.getRequest().getLoggedDate()));
    return events.stream()
        .filter(e -> e.getRequest().getUrl().equals("/hook"))
        .map(e -> e.getRequest().getBodyAsString().replaceAll(".*\"action\":\"([^\"]+)\".*", "$1"))
        .toList();
  }

  private static List<String> reversed(List<String> order) {
    List<String> copy = new java.util.ArrayList<>(order);
    java.util.Collections.reverse(copy);
    return copy;
  }

  /**
   * The real memory, failing the first remember: the analytics row is already recorded when the
   * attempt fails.
   */
  private static final class FailsOnceAfterAnalytics implements CampaignMemory {

    private final CampaignMemory delegate;
    volatile int failures;

    FailsOnceAfterAnalytics(CampaignMemory delegate) {
      this.delegate = delegate;
    }

    @Override
    public synchronized void remember(
        ModuleInput owner, String key, String value, Map<String, Object> metadata) {
      if (failures == 0) {
        failures++;
        throw new IllegalStateException("the worker died after recording the analytics row");
      }
      delegate.remember(owner, key, value, metadata);
    }

    @Override
    public List<Map<String, Object>> retrieve(ModuleInput owner, String query, int limit) {
      return delegate.retrieve(owner, query, limit);
    }
  }
}
