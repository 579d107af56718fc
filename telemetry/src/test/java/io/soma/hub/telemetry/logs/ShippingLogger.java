package io.soma.hub.telemetry.logs;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import java.net.URI;
import java.util.UUID;
import org.slf4j.LoggerFactory;

/**
 * A logger of the process's Logback context whose lines go only to a fresh {@link HubLokiAppender},
 * so a test sees its own lines and its own meters (each appender is named apart, and loki4j tags
 * its meters with the name).
 */
final class ShippingLogger implements AutoCloseable {

  final HubLokiAppender appender;
  final org.slf4j.Logger logger;
  final String name;
  private final Logger logback;

  ShippingLogger(URI lokiUrl, LokiBudget budget) {
    name = "loki-test-" + UUID.randomUUID().toString().substring(0, 8);
    LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
    appender =
        HubLokiAppender.start(
            context,
            new LokiTarget(
                LokiTarget.pushUrl(lokiUrl.toString()), "soma-hub-test", "hub-ns", "test"),
            budget,
            name);
    logback = context.getLogger("io.soma.hub.telemetry.test." + name);
    logback.setAdditive(false);
    logback.addAppender(appender);
    logger = logback;
  }

  /** Stops the appender, which drains what it holds to Loki first. */
  @Override
  public void close() {
    logback.detachAppender(appender);
    appender.stop();
  }
}
