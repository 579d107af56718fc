package io.soma.hub.e2e.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.soma.hub.e2e.support.HubStoreRows;
import io.soma.hub.e2e.support.HubWorkflows;
import io.soma.hub.e2e.support.JsonHttp;
import io.soma.hub.e2e.support.LocalHub;
import io.soma.hub.e2e.support.PostgresServer;
import io.soma.hub.e2e.support.RequiresHubJars;
import io.soma.hub.e2e.support.SessionCalls;
import io.soma.hub.e2e.support.TemporalServer;
import io.soma.hub.events.EventTopic;
import io.soma.hub.orchestration.connection.TemporalTls;
import io.soma.hub.orchestration.events.HubEventSources;
import io.soma.hub.orchestration.session.SessionIds;
import io.soma.hub.testing.kafka.KafkaBroker;
import io.soma.hub.testing.kafka.SecureListeners;
import io.soma.hub.testing.tls.IssuedCertificate;
import io.soma.hub.testing.tls.TestCertificateAuthority;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The functions and the worker with every connection over TLS, configured through
 * HUB_TEMPORAL_TLS_*, HUB_DB_SSL* and HUB_KAFKA_* only: the real Temporal server, whose frontend
 * requires client certificates; the hub store on PostgreSQL that accepts TLS connections with a
 * client certificate only ({@code hostssl}, {@code clientcert=verify-ca}); events to Kafka over SSL
 * with a client certificate from the functions and over SASL_SSL (SCRAM-SHA-512) from the worker. A
 * session runs from the HTTP call to its completed workflow (moderation reads the store, the worker
 * records the completion) and both its events arrive; clients without the right certificate are
 * refused by Temporal.
 */
@RequiresHubJars
class HubOverTlsEndToEndTest {

  @TempDir static Path directory;

  private static final String EVENTS = "soma.events";
  private static final String SASL_USER = "hub-worker";
  private static final String SASL_PASSWORD = "scram-" + UUID.randomUUID();

  private static PostgresServer postgres;
  private static KafkaBroker kafka;
  private static TemporalServer temporal;
  private static LocalHub hub;

  @BeforeAll
  static void startTheHub() {
    TestCertificateAuthority storeAuthority =
        TestCertificateAuthority.create(directory.resolve("store-ca"));
    postgres = PostgresServer.start(new PostgresServer.Tls(storeAuthority, true));
    TestCertificateAuthority kafkaAuthority =
        TestCertificateAuthority.create(directory.resolve("kafka-ca"));
    IssuedCertificate broker =
        kafkaAuthority.issueServer("kafka", TestCertificateAuthority.LOOPBACK);
    kafka =
        KafkaBroker.start(
            new SecureListeners(
                broker.certificate(),
                broker.privateKey(),
                kafkaAuthority.certificate(),
                SASL_USER,
                SASL_PASSWORD));
    kafka.createTopic(EVENTS, 1);
    IssuedCertificate functions = kafkaAuthority.issueClient("hub-functions");
    hub =
        LocalHub.builder()
            .quickStartJvms()
            .store(postgres)
            .temporal(() -> temporal = TemporalServer.start(TemporalServer.Security.MUTUAL_TLS))
            .env("HUB_KAFKA_SSL_CA", kafkaAuthority.certificate().toString())
            .env("HUB_KAFKA_BOOTSTRAP_SERVERS", kafka.sslBootstrapServers())
            .env("HUB_KAFKA_SECURITY_PROTOCOL", "SSL")
            .env("HUB_KAFKA_SSL_CERT", functions.certificate().toString())
            .env("HUB_KAFKA_SSL_KEY", functions.privateKey().toString())
            .workerEnv("HUB_KAFKA_BOOTSTRAP_SERVERS", kafka.saslSslBootstrapServers())
            .workerEnv("HUB_KAFKA_SECURITY_PROTOCOL", "SASL_SSL")
            .workerEnv("HUB_KAFKA_SSL_CERT", "")
            .workerEnv("HUB_KAFKA_SSL_KEY", "")
            .workerEnv("HUB_KAFKA_SASL_USERNAME", SASL_USER)
            .workerEnv("HUB_KAFKA_SASL_PASSWORD", SASL_PASSWORD)
            .start();
  }

  @AfterAll
  static void stopTheHub() {
    try (PostgresServer stopsLast = postgres;
        KafkaBroker stopsSecond = kafka;
        LocalHub stopsFirst = hub) {
      // try-with-resources closes each, in reverse order, even when one fails
    }
  }

  @Test
  void aSessionRunsThroughTheFunctionsAndTheWorkerOverMutualTls() {
    assertThat(hub.temporal().hubEnvironment())
        .containsKeys("HUB_TEMPORAL_TLS_CA", "HUB_TEMPORAL_TLS_CERT", "HUB_TEMPORAL_TLS_KEY");
    assertThat(postgres.hubTlsEnvironment())
        .containsEntry("HUB_DB_SSLMODE", "verify-full")
        .containsKeys("HUB_DB_SSLROOTCERT", "HUB_DB_SSLCERT", "HUB_DB_SSLKEY");
    JsonHttp ann =
        hub.gateway().as(hub.tokens().mint("acme", "ann", "sessions:write", "sessions:read"));

    String sessionId = SessionCalls.create(ann, "Summarise the release notes over TLS");
    JsonNode session = SessionCalls.awaitFinished(ann, sessionId, Duration.ofMinutes(2));

    assertThat(session.get("status").asText()).as(session.toString()).isEqualTo("COMPLETED");
    assertThat(session.at("/result/provider").asText()).isEqualTo("offline");
    assertThat(hub.workflows().runsOfSession(sessionId))
        .as("the session's workflow on the TLS server, seen with the hub's certificate")
        .extracting(run -> run.getExecution().getWorkflowId())
        .containsOnly(SessionIds.workflowId(sessionId));
    assertThat(new HubStoreRows(postgres).completionsOf(sessionId))
        .as("the completion the worker recorded, read over TLS")
        .hasSize(1);
    List<ConsumerRecord<String, String>> events =
        EventTopic.read(
            kafka.bootstrapServers(),
            EVENTS,
            read -> publishers(read, sessionId).size() == 2,
            Duration.ofSeconds(60));
    assertThat(publishers(events, sessionId))
        .as("who published the session's events (accepted, completed)")
        .containsExactlyInAnyOrder("the functions over SSL", "the worker over SASL_SSL");
  }

  @Test
  void aPlaintextClientIsRefused() {
    assertRefused(TemporalTls.OFF);
  }

  @Test
  void aClientWithoutACertificateIsRefused() {
    String ca = temporal.authority().certificate().toString();

    assertRefused(new TemporalTls(true, ca, null, null, "localhost"));
  }

  @Test
  void aCertificateFromAnotherAuthorityIsRefused() {
    TestCertificateAuthority stranger =
        TestCertificateAuthority.create(directory.resolve("stranger"));
    IssuedCertificate intruder = stranger.issueClient("intruder");
    String ca = temporal.authority().certificate().toString();

    assertRefused(
        new TemporalTls(
            true,
            ca,
            intruder.certificate().toString(),
            intruder.privateKey().toString(),
            "localhost"));
  }

  @Test
  void theHubsCertificateIsAccepted() {
    try (HubWorkflows workflows = HubWorkflows.connect(temporal)) {
      assertThat(workflows.count("WorkflowType = 'NoSuchWorkflow'")).isZero();
    }
  }

  /** The functions publish on the SSL listener only, the worker on the SASL_SSL one only. */
  private static Set<String> publishers(
      List<ConsumerRecord<String, String>> records, String sessionId) {
    return records.stream()
        .map(ConsumerRecord::value)
        .filter(value -> value.contains(sessionId))
        .map(
            value ->
                value.contains(HubEventSources.FUNCTIONS)
                    ? "the functions over SSL"
                    : "the worker over SASL_SSL")
        .collect(Collectors.toSet());
  }

  private static void assertRefused(TemporalTls tls) {
    WorkflowServiceStubs stubs =
        WorkflowServiceStubs.newServiceStubs(
            tls.applyTo(WorkflowServiceStubsOptions.newBuilder())
                .setTarget(temporal.address())
                .setRpcTimeout(Duration.ofSeconds(5))
                .build());
    try {
      assertThatThrownBy(stubs::healthCheck)
          .isInstanceOfSatisfying(
              StatusRuntimeException.class,
              refused ->
                  assertThat(refused.getStatus().getCode()).isEqualTo(Status.Code.UNAVAILABLE));
    } finally {
      stubs.shutdownNow();
    }
  }
}
