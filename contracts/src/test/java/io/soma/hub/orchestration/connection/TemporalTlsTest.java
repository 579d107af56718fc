package io.soma.hub.orchestration.connection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.grpc.Server;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.netty.shaded.io.grpc.netty.GrpcSslContexts;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.netty.shaded.io.netty.handler.ssl.ClientAuth;
import io.grpc.protobuf.services.HealthStatusManager;
import io.soma.hub.testing.tls.IssuedCertificate;
import io.soma.hub.testing.tls.TestCertificateAuthority;
import io.temporal.api.workflowservice.v1.WorkflowServiceGrpc;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The hub's Temporal TLS settings against a gRPC server that requires client certificates, as
 * Temporal's frontend with {@code requireClientAuth} does (the e2e tests run the real one): the
 * health check the SDK makes is the call.
 */
class TemporalTlsTest {

  @TempDir Path directory;

  private Server server;
  private WorkflowServiceStubs stubs;

  @AfterEach
  void stop() {
    if (stubs != null) {
      stubs.shutdownNow();
    }
    if (server != null) {
      server.shutdownNow();
    }
  }

  @Test
  void aClientCertificateAndTheAuthorityReachAServerThatRequiresClientCertificates()
      throws Exception {
    TestCertificateAuthority authority = TestCertificateAuthority.create(directory);
    start(authority, authority.issueServer("frontend", TestCertificateAuthority.LOOPBACK));
    IssuedCertificate client = authority.issueClient("hub");

    TemporalTls tls =
        new TemporalTls(
            false,
            file(authority.certificate()),
            file(client.certificate()),
            file(client.privateKey()),
            null);

    assertThat(tls.active()).isTrue();
    assertThat(healthOf(tls)).isEqualTo(ServingStatus.SERVING);
  }

  @Test
  void withoutAClientCertificateTheServerRefusesTheConnection() throws Exception {
    TestCertificateAuthority authority = TestCertificateAuthority.create(directory);
    start(authority, authority.issueServer("frontend", TestCertificateAuthority.LOOPBACK));

    TemporalTls tls = new TemporalTls(false, file(authority.certificate()), null, null, null);

    assertThatThrownBy(() -> healthOf(tls)).satisfies(TemporalTlsTest::refused);
  }

  @Test
  void aServerOfAnotherAuthorityIsNotTrusted() throws Exception {
    TestCertificateAuthority authority = TestCertificateAuthority.create(directory.resolve("ours"));
    TestCertificateAuthority stranger =
        TestCertificateAuthority.create(directory.resolve("theirs"));
    start(authority, stranger.issueServer("frontend", TestCertificateAuthority.LOOPBACK));
    IssuedCertificate client = authority.issueClient("hub");

    TemporalTls tls =
        new TemporalTls(
            false,
            file(authority.certificate()),
            file(client.certificate()),
            file(client.privateKey()),
            null);

    assertThatThrownBy(() -> healthOf(tls)).satisfies(TemporalTlsTest::refused);
  }

  @Test
  void theServerNameIsCheckedInsteadOfTheAddressWhenGiven() throws Exception {
    TestCertificateAuthority authority = TestCertificateAuthority.create(directory);
    start(authority, authority.issueServer("frontend", List.of("DNS:temporal.example")));
    IssuedCertificate client = authority.issueClient("hub");
    String ca = file(authority.certificate());
    String certificate = file(client.certificate());
    String key = file(client.privateKey());

    TemporalTls byAddress = new TemporalTls(false, ca, certificate, key, null);
    assertThatThrownBy(() -> healthOf(byAddress)).satisfies(TemporalTlsTest::refused);
    stubs.shutdownNow();

    TemporalTls byName = new TemporalTls(false, ca, certificate, key, "temporal.example");
    assertThat(healthOf(byName)).isEqualTo(ServingStatus.SERVING);
  }

  @Test
  void nothingSetIsPlaintext() {
    WorkflowServiceStubsOptions options =
        TemporalTls.OFF
            .applyTo(WorkflowServiceStubsOptions.newBuilder())
            .setTarget("127.0.0.1:7233")
            .build();

    assertThat(TemporalTls.OFF.active()).isFalse();
    assertThat(new TemporalTls(false, " ", "", null, "").active()).isFalse();
    assertThat(options.getSslContext()).isNull();
    assertThat(options.getChannelInitializer()).isNull();
  }

  @Test
  void enabledWithoutFilesTrustsTheJvmsAuthorities() {
    WorkflowServiceStubsOptions options =
        new TemporalTls(true, null, null, null, null)
            .applyTo(WorkflowServiceStubsOptions.newBuilder())
            .setTarget("temporal.example:7233")
            .build();

    assertThat(options.getSslContext()).isNotNull();
  }

  @Test
  void aCertificateWithoutItsKeyIsRefusedAtOnce() {
    assertThatThrownBy(() -> new TemporalTls(false, null, "/etc/hub/client.pem", null, null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("HUB_TEMPORAL_TLS_KEY");
  }

  @Test
  void aMissingFileFailsWhenTheOptionsAreMade() {
    TemporalTls tls =
        new TemporalTls(false, directory.resolve("absent.pem").toString(), null, null, null);

    assertThatThrownBy(() -> tls.applyTo(WorkflowServiceStubsOptions.newBuilder()))
        .hasMessageContaining("absent.pem");
  }

  private void start(TestCertificateAuthority authority, IssuedCertificate certificate)
      throws Exception {
    HealthStatusManager health = new HealthStatusManager();
    health.setStatus(WorkflowServiceGrpc.SERVICE_NAME, ServingStatus.SERVING);
    server =
        NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0))
            .sslContext(
                GrpcSslContexts.forServer(
                        certificate.certificate().toFile(), certificate.privateKey().toFile())
                    .trustManager(authority.certificate().toFile())
                    .clientAuth(ClientAuth.REQUIRE)
                    .build())
            .addService(health.getHealthService())
            .build()
            .start();
  }

  private ServingStatus healthOf(TemporalTls tls) {
    stubs =
        WorkflowServiceStubs.newServiceStubs(
            tls.applyTo(WorkflowServiceStubsOptions.newBuilder())
                .setTarget("127.0.0.1:" + server.getPort())
                .setRpcTimeout(Duration.ofSeconds(5))
                .build());
    return stubs.healthCheck().getStatus();
  }

  /**
   * Refused in the handshake: the channel never became usable, unlike a call the server answered.
   */
  private static void refused(Throwable failure) {
    assertThat(failure).isInstanceOf(StatusRuntimeException.class);
    assertThat(((StatusRuntimeException) failure).getStatus().getCode())
        .isEqualTo(Status.Code.UNAVAILABLE);
  }

  private static String file(Path path) {
    return path.toString();
  }
}
