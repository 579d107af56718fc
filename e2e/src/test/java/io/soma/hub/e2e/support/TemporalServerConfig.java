package io.soma.hub.e2e.support;

import io.soma.hub.testing.cluster.Ports;
import io.soma.hub.testing.tls.IssuedCertificate;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The configuration of a single-process Temporal server (tools/temporal-server/build): the hub's
 * one configuration template, {@link #TEMPLATE}, which the server renders from its environment (the
 * template's header names each variable), and the values this test server gives it: its own ports,
 * its PostgreSQL, and optionally TLS with client certificates on the frontend.
 */
record TemporalServerConfig(
    Listeners ports,
    int postgresPort,
    String user,
    String password,
    Path dynamicConfig,
    FrontendTls tls,
    int historyShards) {

  /** The same file `./hub up --temporal server` runs the server with. */
  static final Path TEMPLATE = HubJars.root().resolve("tools/temporal-server/temporal.yaml");

  /**
   * The frontend's certificate, the authority its clients' certificates must come from, and the
   * system worker's.
   */
  record FrontendTls(Path authority, IssuedCertificate frontend, IssuedCertificate systemWorker) {}

  /**
   * gRPC and membership (ringpop) ports of the four services, and the frontend's HTTP API. The
   * membership ports go into a SMALLINT column of the cluster_membership table, so they must be
   * below 32768.
   */
  record Listeners(
      int frontend,
      int frontendHttp,
      int frontendMembership,
      int history,
      int historyMembership,
      int matching,
      int matchingMembership,
      int worker,
      int workerMembership) {

    /** Ports.free gives ports below 32768: Temporal keeps the membership ports in a SMALLINT. */
    static Listeners free() {
      return new Listeners(
          Ports.free(),
          Ports.free(),
          Ports.free(),
          Ports.free(),
          Ports.free(),
          Ports.free(),
          Ports.free(),
          Ports.free(),
          Ports.free());
    }
  }

  /** The variables the template reads. */
  Map<String, String> environment() {
    Map<String, String> environment = new LinkedHashMap<>();
    environment.put("TEMPORAL_DB_PORT", Integer.toString(postgresPort));
    environment.put("TEMPORAL_DB_USER", user);
    environment.put("TEMPORAL_DB_PASSWORD", password);
    environment.put("TEMPORAL_HISTORY_SHARDS", Integer.toString(historyShards));
    environment.put("TEMPORAL_FRONTEND_PORT", Integer.toString(ports.frontend()));
    environment.put("TEMPORAL_FRONTEND_HTTP_PORT", Integer.toString(ports.frontendHttp()));
    environment.put(
        "TEMPORAL_FRONTEND_MEMBERSHIP_PORT", Integer.toString(ports.frontendMembership()));
    environment.put("TEMPORAL_HISTORY_PORT", Integer.toString(ports.history()));
    environment.put(
        "TEMPORAL_HISTORY_MEMBERSHIP_PORT", Integer.toString(ports.historyMembership()));
    environment.put("TEMPORAL_MATCHING_PORT", Integer.toString(ports.matching()));
    environment.put(
        "TEMPORAL_MATCHING_MEMBERSHIP_PORT", Integer.toString(ports.matchingMembership()));
    environment.put("TEMPORAL_WORKER_PORT", Integer.toString(ports.worker()));
    environment.put("TEMPORAL_WORKER_MEMBERSHIP_PORT", Integer.toString(ports.workerMembership()));
    environment.put("TEMPORAL_DYNAMIC_CONFIG", dynamicConfig.toString());
    if (tls != null) {
      environment.put("TEMPORAL_TLS_CA", tls.authority().toString());
      environment.put("TEMPORAL_TLS_FRONTEND_CERT", tls.frontend().certificate().toString());
      environment.put("TEMPORAL_TLS_FRONTEND_KEY", tls.frontend().privateKey().toString());
      environment.put(
          "TEMPORAL_TLS_SYSTEM_WORKER_CERT", tls.systemWorker().certificate().toString());
      environment.put("TEMPORAL_TLS_SYSTEM_WORKER_KEY", tls.systemWorker().privateKey().toString());
    }
    return environment;
  }
}
