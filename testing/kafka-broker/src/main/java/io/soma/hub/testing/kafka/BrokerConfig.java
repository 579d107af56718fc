package io.soma.hub.testing.kafka;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The files a one-node KRaft broker starts from: its server.properties and the log4j2 configuration. */
final class BrokerConfig {

  private BrokerConfig() {}

  /** server.properties for broker and controller in one process, on loopback, with its data under dataDir. */
  static Path writeServerProperties(Path workDir, Path dataDir, int brokerPort, int controllerPort)
      throws IOException {
    String properties = """
        process.roles=broker,controller
        node.id=1
        controller.quorum.voters=1@127.0.0.1:%2$d
        listeners=PLAINTEXT://127.0.0.1:%1$d,CONTROLLER://127.0.0.1:%2$d
        advertised.listeners=PLAINTEXT://127.0.0.1:%1$d
        controller.listener.names=CONTROLLER
        inter.broker.listener.name=PLAINTEXT
        listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT
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
        """.formatted(brokerPort, controllerPort, dataDir.toAbsolutePath());
    return Files.writeString(workDir.resolve("server.properties"), properties);
  }

  /** Log4j2 to standard output (redirected to the broker's log file), level from a system property. */
  static Path writeLog4jConfig(Path workDir) throws IOException {
    String config = """
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
