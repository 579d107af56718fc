package io.soma.hub.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.soma.hub.orchestration.events.HubEvent;
import io.soma.hub.orchestration.events.HubEventSources;
import io.soma.hub.orchestration.events.HubEventTypes;
import io.soma.hub.testing.kafka.KafkaBroker;
import io.soma.hub.testing.kafka.SecureListeners;
import io.soma.hub.testing.tls.IssuedCertificate;
import io.soma.hub.testing.tls.TestCertificateAuthority;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.errors.AuthenticationException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The publisher through a real broker's TLS listeners: SSL with a client certificate, SASL_SSL with
 * SCRAM-SHA-512; and refused without the certificate, with a wrong password, or by a broker it does
 * not trust.
 */
class KafkaEventPublisherTlsTest {

  private static final String USER = "hub-events";
  private static final String PASSWORD = "scram-" + UUID.randomUUID();
  private static final String REFUSED = "tls.refused";

  @TempDir static Path directory;

  private static TestCertificateAuthority authority;
  private static KafkaBroker kafka;

  @BeforeAll
  static void startBroker() {
    authority = TestCertificateAuthority.create(directory.resolve("ca"));
    IssuedCertificate broker = authority.issueServer("kafka", TestCertificateAuthority.LOOPBACK);
    kafka =
        KafkaBroker.start(
            new SecureListeners(
                broker.certificate(),
                broker.privateKey(),
                authority.certificate(),
                USER,
                PASSWORD));
    // It exists, so that a refused publish can only be refused by the handshake or the login.
    kafka.createTopic(REFUSED, 1);
  }

  @AfterAll
  static void stopBroker() {
    kafka.close();
  }

  @Test
  void publishesOverSslWithAClientCertificate() throws Exception {
    IssuedCertificate hub = authority.issueClient("hub");
    KafkaSecurity ssl =
        new KafkaSecurity(
            "SSL",
            ca(),
            hub.certificate().toString(),
            hub.privateKey().toString(),
            null,
            null,
            null);

    assertPublished(kafka.sslBootstrapServers(), ssl, "tls.ssl");
  }

  @Test
  void publishesOverSaslSslWithScram() throws Exception {
    KafkaSecurity saslSsl = new KafkaSecurity("sasl_ssl", ca(), null, null, null, USER, PASSWORD);

    assertPublished(kafka.saslSslBootstrapServers(), saslSsl, "tls.sasl-ssl");
  }

  @Test
  void sslWithoutAClientCertificateIsRefused() throws Exception {
    assertRefused(
        kafka.sslBootstrapServers(), new KafkaSecurity("SSL", ca(), null, null, null, null, null));
  }

  @Test
  void aWrongPasswordIsRefused() throws Exception {
    assertRefused(
        kafka.saslSslBootstrapServers(),
        new KafkaSecurity("SASL_SSL", ca(), null, null, null, USER, "wrong"));
  }

  @Test
  void aBrokerOfAnotherAuthorityIsNotTrusted() throws Exception {
    TestCertificateAuthority stranger =
        TestCertificateAuthority.create(directory.resolve("stranger"));
    KafkaSecurity trustsOthers =
        new KafkaSecurity(
            "SASL_SSL", stranger.certificate().toString(), null, null, null, USER, PASSWORD);

    assertRefused(kafka.saslSslBootstrapServers(), trustsOthers);
  }

  @Test
  void theSettingsAreCheckedWhenMade() {
    assertThatThrownBy(() -> new KafkaSecurity("TLS", null, null, null, null, null, null))
        .hasMessageContaining("HUB_KAFKA_SECURITY_PROTOCOL");
    assertThatThrownBy(() -> new KafkaSecurity("SASL_SSL", null, null, null, null, USER, null))
        .hasMessageContaining("HUB_KAFKA_SASL_PASSWORD");
    assertThatThrownBy(() -> new KafkaSecurity("SSL", null, "client.pem", null, null, null, null))
        .hasMessageContaining("HUB_KAFKA_SSL_KEY");
    assertThat(new KafkaSecurity("SASL_SSL", null, null, null, "plain", USER, PASSWORD).toString())
        .isEqualTo("SASL_SSL PLAIN as " + USER)
        .doesNotContain(PASSWORD);
    assertThat(KafkaSecurity.PLAINTEXT.clientConfig())
        .containsExactly(Map.entry("security.protocol", "PLAINTEXT"));
  }

  private static void assertPublished(String bootstrap, KafkaSecurity security, String topic)
      throws Exception {
    kafka.createTopic(topic, 1);
    HubEvent event = event();
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    try (EventPublisher publisher =
        EventPublishers.create(
            new KafkaEventSettings(bootstrap, topic, "test", security), registry)) {
      publisher.publish(event).get(30, TimeUnit.SECONDS);
    }

    List<ConsumerRecord<String, String>> records =
        EventTopic.read(kafka.bootstrapServers(), topic, 1, Duration.ofSeconds(30));
    assertThat(records)
        .extracting(ConsumerRecord::value)
        .containsExactly(CloudEventJson.write(event));
    assertThat(registry.scrape()).contains("hub_events_published_total 1.0");
  }

  private static void assertRefused(String bootstrap, KafkaSecurity security) throws Exception {
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    try (EventPublisher publisher =
        EventPublishers.create(
            new KafkaEventSettings(bootstrap, REFUSED, "test", security), registry)) {
      assertThatThrownBy(() -> publisher.publish(event()).get(40, TimeUnit.SECONDS))
          .isInstanceOf(ExecutionException.class)
          .cause()
          .isInstanceOf(AuthenticationException.class);
    }
    assertThat(registry.scrape()).contains("hub_events_publish_failures_total 1.0");
  }

  private static String ca() {
    return authority.certificate().toString();
  }

  private static HubEvent event() {
    String session = "s-" + UUID.randomUUID();
    return HubEvent.of(
        HubEventTypes.SESSION_ACCEPTED,
        HubEventSources.FUNCTIONS,
        System.currentTimeMillis(),
        session,
        "acme",
        Map.of("session_id", session));
  }
}
