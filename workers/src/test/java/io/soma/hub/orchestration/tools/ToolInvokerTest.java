package io.soma.hub.orchestration.tools;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.exactly;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.soma.hub.store.campaign.ToolRequests;
import io.temporal.failure.ApplicationFailure;
import java.net.ServerSocket;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

class ToolInvokerTest {

  @RegisterExtension
  static final WireMockExtension api =
      WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  private final ToolRequests requests = migratedRequests();

  private ToolSettings settings(String githubToken, String webhookToken) {
    return new ToolSettings(
        api.baseUrl() + "/slack",
        api.baseUrl() + "/gh/",
        githubToken,
        "acme-org",
        api.baseUrl() + "/hook",
        webhookToken,
        Duration.ofSeconds(1),
        Duration.ofSeconds(2));
  }

  private static ToolCall call(String action, Map<String, Object> params) {
    return new ToolCall("camp-1:module:" + action, "acme", "camp-1", action, params);
  }

  @Test
  void slackMessagesGoToTheIncomingWebhook() {
    api.stubFor(post("/slack").willReturn(aResponse().withStatus(200).withBody("ok")));
    ToolInvoker tools = new ToolInvoker(settings(null, null), requests);

    ToolResult result =
        tools.invoke(
            call(
                "slack.send_message",
                Map.of(
                    "text",
                    "Hi",
                    "channel",
                    "#general",
                    "blocks",
                    List.of(Map.of("type", "divider")))));

    assertThat(result.dryRun()).isFalse();
    assertThat(result.response()).containsEntry("body", "ok").containsEntry("http_status", 200);
    api.verify(
        postRequestedFor(urlEqualTo("/slack"))
            .withHeader("Content-Type", equalTo("application/json"))
            .withHeader("Idempotency-Key", equalTo("camp-1:module:slack.send_message"))
            .withRequestBody(
                equalToJson(
                    "{\"text\":\"Hi\",\"channel\":\"#general\",\"blocks\":[{\"type\":\"divider\"}]}")));
  }

  @Test
  void pullRequestsUseTheGitHubRestApi() {
    api.stubFor(
        post("/gh/repos/acme-org/marketing-content/pulls")
            .willReturn(okJson("{\"number\":3,\"html_url\":\"u\"}").withStatus(201)));
    ToolInvoker tools = new ToolInvoker(settings("secret-token", null), requests);

    ToolResult result =
        tools.invoke(
            call(
                "github.create_pull_request",
                Map.of(
                    "repo",
                    "marketing-content",
                    "title",
                    "T",
                    "branch",
                    "campaign/x",
                    "body",
                    "B")));

    assertThat(result.response()).containsEntry("number", 3);
    api.verify(
        postRequestedFor(urlEqualTo("/gh/repos/acme-org/marketing-content/pulls"))
            .withHeader("Authorization", equalTo("Bearer secret-token"))
            .withHeader("Accept", equalTo("application/vnd.github+json"))
            .withHeader("X-GitHub-Api-Version", equalTo("2022-11-28"))
            .withRequestBody(
                equalToJson(
                    "{\"title\":\"T\",\"head\":\"campaign/x\",\"base\":\"main\",\"body\":\"B\"}")));
    assertThat(requests.find("camp-1:module:github.create_pull_request"))
        .hasValueSatisfying(
            r ->
                assertThat(r.request())
                    .doesNotContain("secret-token")
                    .contains("\"authorized\":true"));
  }

  @Test
  void everyOtherActionGoesToTheGenericWebhookWithOptionalBearer() {
    api.stubFor(post("/hook").willReturn(okJson("{\"file_url\":\"f\"}")));

    new ToolInvoker(settings(null, "hook-token"), requests)
        .invoke(call("figma.render_component", Map.of("component", "c")));
    new ToolInvoker(settings(null, null), requests)
        .invoke(call("notion.search_database", Map.of("query", "q")));

    api.verify(
        postRequestedFor(urlEqualTo("/hook"))
            .withHeader("Authorization", equalTo("Bearer hook-token"))
            .withRequestBody(
                equalToJson(
                    "{\"tenant\":\"acme\",\"campaign_id\":\"camp-1\",\"tool\":\"figma\",\"action\":\"figma.render_component\","
                        + "\"params\":{\"component\":\"c\"}}")));
    api.verify(
        postRequestedFor(urlEqualTo("/hook"))
            .withHeader("Authorization", absent())
            .withRequestBody(
                equalToJson(
                    "{\"tool\":\"notion\",\"action\":\"notion.search_database\"}", true, true)));
  }

  @Test
  void serverErrorsAndUnreachableToolsAreRetryableAndClientErrorsAreNot() throws Exception {
    api.stubFor(post("/hook").willReturn(aResponse().withStatus(503).withBody("busy")));
    api.stubFor(post("/slack").willReturn(aResponse().withStatus(404).withBody("no_service")));
    ToolInvoker tools = new ToolInvoker(settings(null, null), requests);

    assertThatThrownBy(() -> tools.invoke(call("plane.create_cycle", Map.of())))
        .isInstanceOfSatisfying(
            ApplicationFailure.class,
            failure -> {
              assertThat(failure.getType()).isEqualTo(ToolFailures.UNAVAILABLE);
              assertThat(failure.isNonRetryable()).isFalse();
              assertThat(failure.getOriginalMessage()).contains("HTTP 503", "busy");
            });
    assertThatThrownBy(() -> tools.invoke(call("slack.send_message", Map.of("text", "x"))))
        .isInstanceOfSatisfying(
            ApplicationFailure.class,
            failure -> {
              assertThat(failure.getType()).isEqualTo(ToolFailures.REJECTED);
              assertThat(failure.isNonRetryable()).isTrue();
            });
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }
    ToolInvoker unreachable =
        new ToolInvoker(
            new ToolSettings(
                null,
                null,
                null,
                null,
                "http://127.0.0.1:" + closedPort + "/hook",
                null,
                Duration.ofSeconds(1),
                Duration.ofSeconds(1)),
            requests);
    assertThatThrownBy(
            () ->
                unreachable.invoke(
                    new ToolCall("r-x", "acme", "camp-1", "plane.create_cycle", Map.of())))
        .isInstanceOfSatisfying(
            ApplicationFailure.class,
            failure -> {
              assertThat(failure.getType()).isEqualTo(ToolFailures.UNAVAILABLE);
              assertThat(failure.isNonRetryable()).isFalse();
            });
  }

  @Test
  void aRetriedCallIsSentAgainUntilAnsweredAndThenReusedFromTheStore() {
    api.stubFor(
        post("/hook")
            .inScenario("s")
            .whenScenarioStateIs("Started")
            .willReturn(aResponse().withStatus(500))
            .willSetStateTo("up"));
    api.stubFor(
        post("/hook")
            .inScenario("s")
            .whenScenarioStateIs("up")
            .willReturn(okJson("{\"id\":\"c-1\"}")));
    ToolInvoker tools = new ToolInvoker(settings(null, null), requests);
    ToolCall call = call("plane.create_cycle", Map.of("name", "n"));

    assertThatThrownBy(() -> tools.invoke(call)).isInstanceOf(ApplicationFailure.class);
    ToolResult second = tools.invoke(call);
    ToolResult third = tools.invoke(call);

    assertThat(second.response()).containsEntry("id", "c-1");
    assertThat(third.response()).isEqualTo(second.response());
    api.verify(
        exactly(2),
        postRequestedFor(urlEqualTo("/hook"))
            .withHeader("Idempotency-Key", equalTo(call.requestId())));
    assertThat(requests.ofCampaign("camp-1")).hasSize(1);
  }

  @Test
  void withoutUrlsEveryAdapterRecordsWhatItWouldHaveSent() {
    ToolInvoker tools = new ToolInvoker(ToolSettings.dryRun(), requests);

    ToolResult slack = tools.invoke(call("slack.send_message", Map.of("text", "Hi")));
    ToolResult github = tools.invoke(call("github.create_pull_request", Map.of("repo", "r")));
    ToolResult generic = tools.invoke(call("buffer.schedule_post", Map.of("text", "t")));

    assertThat(List.of(slack, github, generic))
        .allSatisfy(
            result -> {
              assertThat(result.dryRun()).isTrue();
              assertThat(result.response())
                  .containsEntry("dry_run", true)
                  .containsKey("would_send");
            });
    assertThat(requests.ofCampaign("camp-1"))
        .hasSize(3)
        .allSatisfy(
            recorded -> {
              assertThat(recorded.dryRun()).isTrue();
              assertThat(recorded.answered()).isTrue();
              assertThat(recorded.request()).contains("\"url\":null");
            });
    assertThat(requests.find("camp-1:module:buffer.schedule_post"))
        .hasValueSatisfying(
            r ->
                assertThat(r.request())
                    .contains("\"action\":\"buffer.schedule_post\"", "\"tenant\":\"acme\""));
    api.verify(exactly(0), postRequestedFor(urlPathMatching(".*")));
  }

  @Test
  void aGitHubUrlWithoutOwnerIsAConfigurationError() {
    ToolInvoker tools =
        new ToolInvoker(
            new ToolSettings(null, api.baseUrl(), "t", null, null, null, null, null), requests);

    assertThatThrownBy(() -> tools.invoke(call("github.create_pull_request", Map.of())))
        .isInstanceOfSatisfying(
            ApplicationFailure.class,
            failure -> {
              assertThat(failure.getType()).isEqualTo(ToolFailures.MISCONFIGURED);
              assertThat(failure.getOriginalMessage()).contains("HUB_TOOL_GITHUB_OWNER");
            });
  }

  private static ToolRequests migratedRequests() {
    DataSource dataSource =
        new DriverManagerDataSource(
            "jdbc:h2:mem:"
                + UUID.randomUUID()
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DB_CLOSE_DELAY=-1");
    Flyway.configure().dataSource(dataSource).load().migrate();
    return new ToolRequests(JdbcClient.create(dataSource), Clock.systemUTC());
  }
}
