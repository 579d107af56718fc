package io.soma.hub.e2e.support;

import io.soma.hub.orchestration.connection.TemporalTls;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The Temporal service a test's hub runs on: the CLI's dev server, or the Temporal server built
 * from source.
 */
public interface HubTemporal extends AutoCloseable {

  /** {@code host:port} of the frontend's gRPC service, as HUB_TEMPORAL_ADDRESS expects it. */
  String address();

  String namespace();

  /** How the hub connects: plaintext, or TLS with the hub's client certificate. */
  TemporalTls clientTls();

  /** The HUB_TEMPORAL_* variables with which the hub's processes connect to it. */
  default Map<String, String> hubEnvironment() {
    Map<String, String> environment = new LinkedHashMap<>();
    environment.put("HUB_TEMPORAL_ADDRESS", address());
    environment.put("HUB_TEMPORAL_NAMESPACE", namespace());
    TemporalTls tls = clientTls();
    if (tls.active()) {
      environment.put("HUB_TEMPORAL_TLS_ENABLED", "true");
      putUnlessEmpty(environment, "HUB_TEMPORAL_TLS_CA", tls.caFile());
      putUnlessEmpty(environment, "HUB_TEMPORAL_TLS_CERT", tls.certFile());
      putUnlessEmpty(environment, "HUB_TEMPORAL_TLS_KEY", tls.keyFile());
      putUnlessEmpty(environment, "HUB_TEMPORAL_TLS_SERVER_NAME", tls.serverName());
    }
    return environment;
  }

  /**
   * Stops the service and starts it again on the same state and address, as an operator's restart
   * does.
   */
  void restart();

  @Override
  void close();

  private static void putUnlessEmpty(Map<String, String> environment, String name, String value) {
    if (!value.isEmpty()) {
      environment.put(name, value);
    }
  }
}
