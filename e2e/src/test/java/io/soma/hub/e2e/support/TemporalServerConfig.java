package io.soma.hub.e2e.support;

import io.soma.hub.testing.tls.IssuedCertificate;
import java.nio.file.Path;

/**
 * The configuration file of a single-process Temporal server (tools/temporal-server/build): every service on
 * 127.0.0.1 and a port of its own, both stores on one PostgreSQL, no metrics or pprof listener, and optionally TLS
 * with client certificates on the frontend.
 */
record TemporalServerConfig(
    Listeners ports, int postgresPort, String user, String password, Path dynamicConfig, FrontendTls tls) {

  /** The frontend's certificate, the authority its clients' certificates must come from, and the system worker's. */
  record FrontendTls(Path authority, IssuedCertificate frontend, IssuedCertificate systemWorker) {}

  /**
   * gRPC and membership (ringpop) ports of the four services, and the frontend's HTTP API. The membership ports go
   * into a SMALLINT column of the cluster_membership table, so they must be below 32768.
   */
  record Listeners(
      int frontend, int frontendHttp, int frontendMembership,
      int history, int historyMembership,
      int matching, int matchingMembership,
      int worker, int workerMembership) {

    /** Ports.free gives ports below 32768: Temporal keeps the membership ports in a SMALLINT. */
    static Listeners free() {
      return new Listeners(
          Ports.free(), Ports.free(), Ports.free(),
          Ports.free(), Ports.free(),
          Ports.free(), Ports.free(),
          Ports.free(), Ports.free());
    }
  }

  /** The persistence, namespace and cluster numbers are those of Temporal's own development configuration. */
  String yaml() {
    return """
        log:
          stdout: true
          level: warn
        persistence:
          defaultStore: postgres-default
          visibilityStore: postgres-visibility
          numHistoryShards: 4
          datastores:
            postgres-default:
              sql: %s
            postgres-visibility:
              sql: %s
        global:
          membership:
            maxJoinDuration: 30s
            broadcastAddress: "127.0.0.1"
        %s
        services:
          frontend:
            rpc: {grpcPort: %d, httpPort: %d, membershipPort: %d, bindOnLocalHost: true}
          history:
            rpc: {grpcPort: %d, membershipPort: %d, bindOnLocalHost: true}
          matching:
            rpc: {grpcPort: %d, membershipPort: %d, bindOnLocalHost: true}
          worker:
            rpc: {grpcPort: %d, membershipPort: %d, bindOnLocalHost: true}
        clusterMetadata:
          enableGlobalNamespace: false
          failoverVersionIncrement: 10
          masterClusterName: active
          currentClusterName: active
          clusterInformation:
            active:
              enabled: true
              initialFailoverVersion: 1
              rpcName: frontend
              rpcAddress: "127.0.0.1:%d"
        dcRedirectionPolicy:
          policy: noop
        dynamicConfigClient:
          filepath: "%s"
          pollInterval: 10s
        """
        .formatted(
            datastore("temporal", 20), datastore("temporal_visibility", 10),
            tlsSection(),
            ports.frontend(), ports.frontendHttp(), ports.frontendMembership(),
            ports.history(), ports.historyMembership(),
            ports.matching(), ports.matchingMembership(),
            ports.worker(), ports.workerMembership(),
            ports.frontend(),
            dynamicConfig());
  }

  private String datastore(String database, int connections) {
    return "{pluginName: postgres12, databaseName: %s, connectAddr: \"127.0.0.1:%d\", connectProtocol: tcp, "
        .formatted(database, postgresPort)
        + "user: %s, password: \"%s\", maxConns: %d, maxIdleConns: %d, maxConnLifetime: 1h}"
            .formatted(user, password, connections, connections);
  }

  /**
   * Under {@code global}: the frontend serves TLS and requires a client certificate signed by the authority;
   * Temporal's own system worker, a client of the frontend like any other, presents one too.
   */
  private String tlsSection() {
    if (tls == null) {
      return "";
    }
    return """
          tls:
            frontend:
              server:
                certFile: "%s"
                keyFile: "%s"
                requireClientAuth: true
                clientCaFiles: ["%s"]
            systemWorker:
              certFile: "%s"
              keyFile: "%s"
              client:
                serverName: localhost
                rootCaFiles: ["%s"]
        """
        .formatted(
            tls.frontend().certificate(), tls.frontend().privateKey(), tls.authority(),
            tls.systemWorker().certificate(), tls.systemWorker().privateKey(), tls.authority())
        .stripTrailing();
  }
}
