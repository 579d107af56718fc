package io.soma.hub.orchestration.policy;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.exactly;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.soma.hub.orchestration.session.SessionFailures;
import io.soma.hub.orchestration.session.SessionRequest;
import io.temporal.failure.ApplicationFailure;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class SessionPolicyTest {

  private static final String DECISION = "/v1/data/soma/sessions/allow";

  @RegisterExtension
  static final WireMockExtension opa =
      WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  private final SessionPolicy localOnly =
      new SessionPolicy(new LocalPolicyRules(Set.of("banned")), Optional.empty());

  @Test
  void aReasonablePromptOfAnAllowedTenantPasses() {
    assertThat(localOnly.check(request("acme", "Hello"))).isEqualTo(PolicyDecision.allow());
    assertThat(localOnly.check(request("acme", "x".repeat(16_000))).allowed()).isTrue();
  }

  @Test
  void blankAndOversizedPromptsAreDenied() {
    assertThat(localOnly.check(request("acme", "   ")).reasons())
        .containsExactly("prompt is blank");
    assertThat(localOnly.check(request("acme", "x".repeat(16_001))).reasons())
        .containsExactly("prompt has 16001 characters, more than 16000");
  }

  @Test
  void aDeniedTenantIsDeniedWithEveryReason() {
    PolicyDecision decision = localOnly.check(request("banned", ""));

    assertThat(decision.allowed()).isFalse();
    assertThat(decision.reasons())
        .containsExactly(
            "prompt is blank", "tenant 'banned' is denied by HUB_POLICY_DENIED_TENANTS");
  }

  @Test
  void opaIsAskedWithTheSessionInput() {
    opa.stubFor(post(DECISION).willReturn(okJson("{\"result\":true}")));

    assertThat(withOpa().check(request("acme", "Hello")).allowed()).isTrue();

    opa.verify(
        postRequestedFor(urlEqualTo(DECISION))
            .withRequestBody(
                equalToJson(
                    "{\"input\":{\"tenant\":\"acme\",\"subject\":\"alice\",\"capabilities\":[\"sessions:write\"],"
                        + "\"prompt_length\":5,\"capsule_id\":\"capsule-1\"}}")));
  }

  @Test
  void opaCanDeny() {
    opa.stubFor(post(DECISION).willReturn(okJson("{\"result\":false}")));

    PolicyDecision decision = withOpa().check(request("acme", "Hello"));

    assertThat(decision.allowed()).isFalse();
    assertThat(decision.reasons())
        .containsExactly("OPA policy soma.sessions.allow denied the session");
  }

  @Test
  void anUndefinedOrNonBooleanDecisionDenies() {
    opa.stubFor(post(DECISION).willReturn(okJson("{}")));
    assertThat(withOpa().check(request("acme", "Hello")).reasons())
        .containsExactly("OPA policy soma.sessions.allow is undefined");

    opa.stubFor(post(DECISION).willReturn(okJson("{\"result\":\"yes\"}")));
    assertThat(withOpa().check(request("acme", "Hello")).allowed()).isFalse();
  }

  @Test
  void opaIsNotAskedWhenTheLocalRulesAlreadyDeny() {
    withOpa().check(request("banned", "Hello"));

    opa.verify(exactly(0), postRequestedFor(urlEqualTo(DECISION)));
  }

  @Test
  void aFailingOrUnreachableOpaIsRetryableAndNeverAnAllow() throws IOException {
    opa.stubFor(post(DECISION).willReturn(aResponse().withStatus(503)));
    assertThatThrownBy(() -> withOpa().check(request("acme", "Hello")))
        .isInstanceOfSatisfying(
            ApplicationFailure.class, SessionPolicyTest::assertRetryableUnavailable);

    int closedPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }
    SessionPolicy unreachable = withOpaAt("http://127.0.0.1:" + closedPort);
    assertThatThrownBy(() -> unreachable.check(request("acme", "Hello")))
        .isInstanceOfSatisfying(
            ApplicationFailure.class, SessionPolicyTest::assertRetryableUnavailable);
  }

  @Test
  void opaRefusingTheQueryIsNotRetryable() {
    opa.stubFor(
        post(DECISION)
            .willReturn(aResponse().withStatus(400).withBody("{\"code\":\"invalid_parameter\"}")));

    assertThatThrownBy(() -> withOpa().check(request("acme", "Hello")))
        .isInstanceOfSatisfying(
            ApplicationFailure.class,
            failure -> {
              assertThat(failure.isNonRetryable()).isTrue();
              assertThat(failure.getType()).isEqualTo(SessionFailures.POLICY_ENGINE_REJECTED);
            });
  }

  private static void assertRetryableUnavailable(ApplicationFailure failure) {
    assertThat(failure.isNonRetryable()).isFalse();
    assertThat(failure.getType()).isEqualTo(SessionFailures.POLICY_ENGINE_UNAVAILABLE);
  }

  private static SessionPolicy withOpa() {
    return withOpaAt(opa.baseUrl() + "/");
  }

  private static SessionPolicy withOpaAt(String url) {
    return new SessionPolicy(
        new LocalPolicyRules(Set.of("banned")),
        Optional.of(new OpaClient(URI.create(url), Duration.ofSeconds(1), Duration.ofSeconds(2))));
  }

  private static SessionRequest request(String tenant, String prompt) {
    return new SessionRequest(
        "s-1", tenant, "alice", List.of("sessions:write"), prompt, "capsule-1", Map.of());
  }
}
