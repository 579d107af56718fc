package io.soma.hub.orchestration.connection;

import io.grpc.netty.shaded.io.netty.handler.ssl.SslContext;
import io.temporal.serviceclient.SimpleSslContextBuilder;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * TLS on the connection of the functions and the worker to Temporal's frontend ({@code
 * hub.temporal.tls.*}, from the HUB_TEMPORAL_TLS_* variables; docs/operations.md, TLS). Off when
 * nothing is set: plaintext stays the local default. Setting any file turns it on.
 *
 * @param enabled TLS even without files: the frontend's certificate is then checked against the
 *     JVM's authorities
 * @param caFile PEM certificates of the authorities that sign the frontend's certificate, trusted
 *     instead of the JVM's
 * @param certFile PEM client certificate (chain), for a frontend that requires client certificates
 * @param keyFile the client certificate's private key, PKCS#8 PEM ({@code BEGIN PRIVATE KEY}),
 *     unencrypted
 * @param serverName the host name the frontend's certificate must name, when it is not the host of
 *     the address (e.g. an address by IP)
 */
public record TemporalTls(
    boolean enabled, String caFile, String certFile, String keyFile, String serverName) {

  public static final TemporalTls OFF = new TemporalTls(false, null, null, null, null);

  public TemporalTls {
    caFile = blankToEmpty(caFile);
    certFile = blankToEmpty(certFile);
    keyFile = blankToEmpty(keyFile);
    serverName = blankToEmpty(serverName);
    if (certFile.isEmpty() != keyFile.isEmpty()) {
      throw new IllegalArgumentException(
          "HUB_TEMPORAL_TLS_CERT and HUB_TEMPORAL_TLS_KEY go together: a client certificate needs its key");
    }
  }

  /** Whether the connection uses TLS. */
  public boolean active() {
    return enabled || !caFile.isEmpty() || !certFile.isEmpty() || !serverName.isEmpty();
  }

  /**
   * Puts the TLS settings on service stubs' options, reading the files now so that a wrong path
   * fails the start of the process rather than its first call; leaves the options plaintext when
   * TLS is off.
   */
  public WorkflowServiceStubsOptions.Builder applyTo(WorkflowServiceStubsOptions.Builder options) {
    if (!active()) {
      return options;
    }
    options.setSslContext(sslContext());
    if (!serverName.isEmpty()) {
      options.setChannelInitializer(channel -> channel.overrideAuthority(serverName));
    }
    return options;
  }

  private SslContext sslContext() {
    try (InputStream certificate = open(certFile);
        InputStream key = open(keyFile)) {
      SimpleSslContextBuilder builder = SimpleSslContextBuilder.forPKCS8(certificate, key);
      if (!caFile.isEmpty()) {
        builder.setTrustManager(PemTrust.trustManager(Path.of(caFile)));
      }
      return builder.build();
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot read a Temporal TLS file (HUB_TEMPORAL_TLS_*): " + e.getMessage(), e);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "unusable Temporal TLS files (HUB_TEMPORAL_TLS_*): " + e.getMessage(), e);
    }
  }

  private static InputStream open(String file) throws IOException {
    return file.isEmpty() ? null : Files.newInputStream(Path.of(file));
  }

  private static String blankToEmpty(String value) {
    return value == null ? "" : value.strip();
  }
}
