package io.soma.hub.testing.kafka;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The files a one-node KRaft broker starts from: its server.properties and the log4j2
 * configuration.
 */
final class BrokerConfig {

  private BrokerConfig() {}

  /**
   * server.properties for broker and controller in one process, on loopback, with its data under
   * dataDir.
   *
   * @param ports the plaintext and the controller port, and with {@code secure} the SSL and the
   *     SASL_SSL port
   * @param secure the TLS listeners, or null
   */
  static Path writeServerProperties(Path workDir, Path dataDir, int[] ports, SecureListeners secure)
      throws IOException {
    int brokerPort = ports[0];
    int controllerPort = ports[1];
    String listeners = "PLAINTEXT://127.0.0.1:" + brokerPort;
    String protocols = "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT";
    String security = "";
    if (secure != null) {
      listeners += ",SSL://127.0.0.1:" + ports[2] + ",SASL_SSL://127.0.0.1:" + ports[3];
      protocols += ",SSL:SSL,SASL_SSL:SASL_SSL";
      security = securityProperties(workDir, secure);
    }
    String properties =
        """
        process.roles=broker,controller
        node.id=1
        controller.quorum.voters=1@127.0.0.1:%2$d
        listeners=%4$s,CONTROLLER://127.0.0.1:%2$d
        advertised.listeners=%4$s
        controller.listener.names=CONTROLLER
        inter.broker.listener.name=PLAINTEXT
        listener.security.protocol.map=%5$s
        log.dirs=%3$s
        # One broker: every internal topic has one replica, so transactions (exactly-once) and groups work.
        offsets.topic.replication.factor=1
        transaction.state.log.replication.factor=1
        transaction.state.log.min.isr=1
        share.coordinator.state.topic.replication.factor=1
        share.coordinator.state.topic.min.isr=1
        # Fewer internal partitions than the default 50: they are created on first use, inside a test.
        offsets.topic.num.partitions=5
        transaction.state.log.num.partitions=5
        # A group's first consumer gets its partitions at once instead of after 3 s.
        group.initial.rebalance.delay.ms=0
        # Topics exist only when a test creates them, with the partitions it chose; a typo fails instead of
        # silently creating a one-partition topic.
        auto.create.topics.enable=false
        num.partitions=1
        """
                .formatted(
                    brokerPort, controllerPort, dataDir.toAbsolutePath(), listeners, protocols)
            + security;
    return Files.writeString(workDir.resolve("server.properties"), properties);
  }

  /**
   * The TLS listeners' settings: the broker's key and certificate in one PEM file (Kafka's file
   * keystore), the authority as trust store; client certificates required on SSL only;
   * SCRAM-SHA-512 on SASL_SSL.
   */
  private static String securityProperties(Path workDir, SecureListeners secure)
      throws IOException {
    Path keystore =
        Files.writeString(
            workDir.resolve("broker-keystore.pem"),
            Files.readString(secure.privateKey()) + Files.readString(secure.certificate()));
    return """
        ssl.keystore.type=PEM
        ssl.keystore.location=%s
        ssl.truststore.type=PEM
        ssl.truststore.location=%s
        listener.name.ssl.ssl.client.auth=required
        listener.name.sasl_ssl.ssl.client.auth=none
        sasl.enabled.mechanisms=SCRAM-SHA-512
        listener.name.sasl_ssl.scram-sha-512.sasl.jaas.config=\
          org.apache.kafka.common.security.scram.ScramLoginModule required;
        """
        .formatted(keystore.toAbsolutePath(), secure.authority().toAbsolutePath());
  }

  /**
   * Log4j2 to standard output (redirected to the broker's log file), level from a system property.
   */
  static Path writeLog4jConfig(Path workDir) throws IOException {
    String config =
        """
        status = warn
        appender.out.type = Console
        appender.out.name = out
        appender.out.layout.type = PatternLayout
        appender.out.layout.pattern = [%d] %p %m (%c)%n
        rootLogger.level = ${sys:hub.kafka.log.level:-INFO}
        rootLogger.appenderRef.out.ref = out
        # Per-request lines would dwarf everything else.
        logger.requests.name = kafka.request.logger
        logger.requests.level = WARN
        """;
    return Files.writeString(workDir.resolve("log4j2.properties"), config);
  }
}
