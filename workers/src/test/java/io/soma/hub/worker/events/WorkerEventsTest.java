package io.soma.hub.worker.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.soma.hub.events.EventTopic;
import io.soma.hub.orchestration.TaskQueues;
import io.soma.hub.orchestration.campaign.ApprovalDecision;
import io.soma.hub.orchestration.campaign.CampaignIds;
import io.soma.hub.orchestration.campaign.CampaignResult;
import io.soma.hub.orchestration.campaign.MarketingCampaignWorkflow;
import io.soma.hub.orchestration.events.EventActivities;
import io.soma.hub.orchestration.memory.MemoryRefreshIds;
import io.soma.hub.orchestration.memory.MemoryRefreshRequest;
import io.soma.hub.orchestration.memory.MemoryRefreshWorkflow;
import io.soma.hub.orchestration.session.SessionIds;
import io.soma.hub.orchestration.session.SessionRequest;
import io.soma.hub.orchestration.session.SessionWorkflow;
import io.soma.hub.orchestration.session.SessionWorkflowImpl;
import io.soma.hub.orchestration.wizard.ApprovalAccepted;
import io.soma.hub.orchestration.wizard.WizardAnswer;
import io.soma.hub.orchestration.wizard.WizardApproval;
import io.soma.hub.orchestration.wizard.WizardIds;
import io.soma.hub.orchestration.wizard.WizardStart;
import io.soma.hub.orchestration.wizard.WizardState;
import io.soma.hub.orchestration.wizard.WizardWorkflow;
import io.soma.hub.testing.kafka.KafkaBroker;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.common.WorkflowExecutionHistory;
import io.temporal.testing.WorkflowReplayer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The packaged worker with HUB_KAFKA_BOOTSTRAP_SERVERS on a real KRaft broker: sessions, a wizard
 * and its campaign, and a memory refresh publish their events through the publish activity, read
 * back from {@code soma.events}.
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "spring.datasource.url=jdbc:h2:mem:worker-events;DB_CLOSE_DELAY=-1;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE",
      "hub.temporal.embedded=true",
      "hub.temporal.drain-timeout=5s",
      "hub.jwt.secret=worker-events-test-secret-0123456789",
      "hub.policy.denied-tenants=" + WorkerEventsTest.DENIED_TENANT
    })
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class WorkerEventsTest {

  static final String DENIED_TENANT = "denied-tenant";
  private static final String TOPIC = "soma.events";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static KafkaBroker kafka;

  /** Workflow ids of the second test's executions, by the name of their committed history. */
  private static final Map<String, String> PUBLISHED_HISTORIES = new TreeMap<>();

  @Autowired WorkflowClient client;

  @LocalServerPort int port;

  /**
   * The topic is created by the first test: until then every publish fails, as with a broker
   * missing it.
   */
  @DynamicPropertySource
  static void brokerAndTemporal(DynamicPropertyRegistry registry) throws IOException {
    kafka = KafkaBroker.start();
    registry.add("hub.kafka.bootstrap-servers", kafka::bootstrapServers);
    try (ServerSocket socket = new ServerSocket(0)) {
      int temporalPort = socket.getLocalPort();
      registry.add("hub.temporal.address", () -> "127.0.0.1:" + temporalPort);
    }
  }

  @AfterAll
  static void stopBroker() {
    kafka.close();
  }

  @Test
  @Order(1)
  void aPublishThatFailsIsRetriedWithTheSameEventAndLandsOnce() throws Exception {
    SessionRequest request = session("acme");
    WorkflowClient.start(sessionStub(request)::run, request);
    await()
        .atMost(Duration.ofSeconds(60))
        .until(() -> metric("hub_events_publish_failures_total") >= 1);
    kafka.createTopic(TOPIC, 2);

    client
        .newUntypedWorkflowStub(SessionIds.workflowId(request.sessionId()))
        .getResult(90, TimeUnit.SECONDS, Object.class);

    WorkflowExecutionHistory history =
        client.fetchHistory(SessionIds.workflowId(request.sessionId()));
    assertThat(publishAttempts(history))
        .anySatisfy(attempt -> assertThat(attempt).isGreaterThan(1));
    String id = request.sessionId() + ":session.completed";
    List<JsonNode> events = events(records -> ids(records).contains(id));
    assertThat(events)
        .filteredOn(e -> e.get("id").textValue().equals(id))
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.get("type").textValue()).isEqualTo("io.soma.hub.session.completed");
              assertThat(e.get("subject").textValue()).isEqualTo(request.sessionId());
              assertThat(e.get("data").get("tenant").textValue()).isEqualTo("acme");
            });
    // A history with events replays on the workflow as registered without them: the side effect
    // decides.
    WorkflowReplayer.replayWorkflowExecution(history, SessionWorkflowImpl.class);
  }

  @Test
  @Order(2)
  void sessionsWizardsCampaignsAndRefreshesPublishTheirEvents() throws Exception {
    SessionRequest completed = session("acme");
    sessionStub(completed).run(completed);
    SessionRequest denied = session(DENIED_TENANT);
    assertThatThrownBy(() -> sessionStub(denied).run(denied)).isNotNull();

    String approvedWizard = WizardIds.newSessionId();
    String approvedCampaign = runCampaign(approvedWizard, true);
    String rejectedWizard = WizardIds.newSessionId();
    String rejectedCampaign = runCampaign(rejectedWizard, false);

    String refresh = MemoryRefreshIds.forCampaign("acme", "Worker Launch");
    client
        .newWorkflowStub(
            MemoryRefreshWorkflow.class,
            WorkflowOptions.newBuilder()
                .setTaskQueue(TaskQueues.SESSIONS)
                .setWorkflowId(refresh)
                .build())
        .run(new MemoryRefreshRequest("acme", "Worker Launch", false, "ann"));

    PUBLISHED_HISTORIES.putAll(
        Map.of(
            "session-completed", SessionIds.workflowId(completed.sessionId()),
            "session-failed", SessionIds.workflowId(denied.sessionId()),
            "wizard-approved", WizardIds.workflowId(approvedWizard),
            "campaign-approved", CampaignIds.workflowId(approvedCampaign),
            "campaign-rejected", CampaignIds.workflowId(rejectedCampaign),
            "memory-refresh", refresh));
    List<String> expected =
        List.of(
            completed.sessionId() + ":session.completed",
            denied.sessionId() + ":session.failed",
            approvedWizard + ":wizard.completed",
            approvedCampaign + ":campaign.started",
            approvedCampaign + ":campaign.approved",
            approvedCampaign + ":campaign.completed",
            rejectedWizard + ":wizard.completed",
            rejectedCampaign + ":campaign.started",
            rejectedCampaign + ":campaign.rejected",
            refresh + ":memory.refreshed");
    List<JsonNode> events = events(records -> ids(records).containsAll(expected));
    assertThat(events.stream().map(e -> e.get("id").textValue()).toList())
        .containsAll(expected)
        .doesNotHaveDuplicates();
    for (JsonNode event : events) {
      String id = event.get("id").textValue();
      assertThat(event.get("source").textValue()).isEqualTo("/soma-hub/worker");
      assertThat(id)
          .isEqualTo(
              event.get("subject").textValue() + ":" + event.get("type").textValue().substring(12));
    }
    assertThat(events)
        .filteredOn(e -> e.get("id").textValue().equals(denied.sessionId() + ":session.failed"))
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.get("data").get("tenant").textValue()).isEqualTo(DENIED_TENANT);
              assertThat(e.get("data").get("reason").textValue()).isEqualTo("PolicyDenied");
            });
    assertThat(events)
        .noneMatch(e -> e.get("id").textValue().equals(rejectedCampaign + ":campaign.completed"));
    assertThat(events).noneMatch(e -> e.toString().contains("Write a short"));
    assertThat(metric("hub_events_published_total")).isGreaterThanOrEqualTo(expected.size() + 1);
  }

  /**
   * The histories of the executions that published replay on the workflows as registered without
   * Kafka; with {@code -Dhub.recordHistories=true} they become the committed ones {@link
   * PublishingHistoriesReplayTest} replays.
   */
  @Test
  @Order(3)
  void historiesThatPublishedReplay() throws Exception {
    assertThat(PUBLISHED_HISTORIES).hasSize(6);
    for (Map.Entry<String, String> execution : PUBLISHED_HISTORIES.entrySet()) {
      WorkflowExecutionHistory history = client.fetchHistory(execution.getValue());
      assertThat(publishAttempts(history)).as(execution.getKey()).isNotEmpty();
      PublishingHistoriesReplayTest.replay(history);
      if (Boolean.getBoolean("hub.recordHistories")) {
        Files.writeString(
            PublishingHistoriesReplayTest.DIRECTORY.resolve(execution.getKey() + ".json"),
            history.toJson(true));
      }
    }
  }

  /**
   * A wizard answered through to a plan that needs approval, approved into a campaign that is then
   * decided.
   */
  private String runCampaign(String wizardId, boolean approve) throws TimeoutException {
    WizardWorkflow wizard =
        client.newWorkflowStub(
            WizardWorkflow.class,
            WorkflowOptions.newBuilder()
                .setWorkflowId(WizardIds.workflowId(wizardId))
                .setTaskQueue(TaskQueues.SESSIONS)
                .build());
    WorkflowClient.start(
        wizard::run,
        new WizardStart(wizardId, "marketing_campaign_v1", "acme", "ann", Map.of(), 600));
    LocalDate today = LocalDate.ofInstant(Instant.now(), ZoneOffset.UTC).plusDays(2);
    WizardState state = null;
    for (Object answer :
        List.of(
            "Worker Launch",
            "brand_awareness",
            List.of("Developers"),
            List.of("slack_community"),
            today.toString(),
            1500.5,
            "Ship it.",
            List.of("engagement"),
            "friendly",
            true)) {
      state = wizard.answer(new WizardAnswer(answer, null));
    }
    assertThat(state.status()).isEqualTo(WizardState.COMPLETED);
    ApprovalAccepted accepted = wizard.approve(new WizardApproval("ann", 600));
    MarketingCampaignWorkflow campaign =
        client.newWorkflowStub(MarketingCampaignWorkflow.class, accepted.workflowId());
    await()
        .atMost(Duration.ofSeconds(60))
        .until(() -> campaign.progress().approval().state().equals("waiting"));
    campaign.approval(new ApprovalDecision(approve, approve ? "Ship it" : "Not now", "bob"));
    CampaignResult result =
        client
            .newUntypedWorkflowStub(accepted.workflowId())
            .getResult(60, TimeUnit.SECONDS, CampaignResult.class);
    assertThat(result.status()).isEqualTo(approve ? "completed" : "rejected");
    return accepted.campaignId();
  }

  private SessionRequest session(String tenant) {
    return new SessionRequest(
        UUID.randomUUID().toString(),
        tenant,
        "alice",
        List.of("sessions:write"),
        "Write a short hello world.",
        null,
        Map.of());
  }

  private SessionWorkflow sessionStub(SessionRequest request) {
    return client.newWorkflowStub(
        SessionWorkflow.class,
        WorkflowOptions.newBuilder()
            .setTaskQueue(TaskQueues.SESSIONS)
            .setWorkflowId(SessionIds.workflowId(request.sessionId()))
            .build());
  }

  private static List<Integer> publishAttempts(WorkflowExecutionHistory history) {
    List<Long> publishScheduled = new ArrayList<>();
    List<Integer> attempts = new ArrayList<>();
    for (HistoryEvent event : history.getEvents()) {
      if (event.hasActivityTaskScheduledEventAttributes()
          && event
              .getActivityTaskScheduledEventAttributes()
              .getActivityType()
              .getName()
              .equals(EventActivities.PUBLISH_EVENT)) {
        publishScheduled.add(event.getEventId());
      }
      if (event.hasActivityTaskStartedEventAttributes()
          && publishScheduled.contains(
              event.getActivityTaskStartedEventAttributes().getScheduledEventId())) {
        attempts.add(event.getActivityTaskStartedEventAttributes().getAttempt());
      }
    }
    return attempts;
  }

  private static List<String> ids(List<ConsumerRecord<String, String>> records) {
    return records.stream().map(r -> json(r.value()).get("id").textValue()).toList();
  }

  private static List<JsonNode> events(Predicate<List<ConsumerRecord<String, String>>> enough) {
    return EventTopic.read(kafka.bootstrapServers(), TOPIC, enough, Duration.ofSeconds(30)).stream()
        .map(
            r -> {
              JsonNode event = json(r.value());
              assertThat(r.key()).isEqualTo(event.get("data").get("tenant").textValue());
              return event;
            })
        .toList();
  }

  private static JsonNode json(String value) {
    try {
      return JSON.readTree(value);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private double metric(String name) throws IOException, InterruptedException {
    String body =
        HTTP.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics"))
                    .header("Accept", "text/plain")
                    .build(),
                HttpResponse.BodyHandlers.ofString())
            .body();
    return body.lines()
        .filter(line -> line.startsWith(name + " ") || line.startsWith(name + "{"))
        .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
        .sum();
  }
}
