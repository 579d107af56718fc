package io.soma.hub.telemetry.logs;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.core.Appender;
import org.slf4j.ILoggerFactory;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.boot.context.logging.LoggingApplicationListener;
import org.springframework.context.ApplicationListener;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;

/**
 * Ships every hub process's log lines to Loki when {@code LOKI_URL} is set: attaches a {@link
 * HubLokiAppender} to the root logger right after Spring Boot has configured Logback, so startup
 * lines are shipped too. Logback's stop at shutdown (Spring Boot's logging shutdown hook) stops the
 * appender, which drains what is queued.
 */
public final class LokiLogShipping
    implements ApplicationListener<ApplicationEnvironmentPreparedEvent>, Ordered {

  @Override
  public void onApplicationEvent(ApplicationEnvironmentPreparedEvent event) {
    ConfigurableEnvironment environment = event.getEnvironment();
    String app = environment.getProperty("spring.application.name", "soma-hub");
    LokiTarget.from(environment::getProperty, app).ifPresent(LokiLogShipping::ship);
  }

  static void ship(LokiTarget target) {
    ILoggerFactory factory = LoggerFactory.getILoggerFactory();
    if (!(factory instanceof LoggerContext context)) {
      throw new IllegalStateException(
          "LOKI_URL is set, but the logging backend is not Logback: " + factory.getClass());
    }
    Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
    // The event fires again when a context is refreshed in the same JVM (tests): one appender, the
    // newest settings.
    Appender<?> previous = root.getAppender(HubLokiAppender.NAME);
    if (previous != null) {
      root.detachAppender(HubLokiAppender.NAME);
      previous.stop();
    }
    root.addAppender(
        HubLokiAppender.start(
            context, target, LokiBudget.SIXTY_SECOND_OUTAGE, HubLokiAppender.NAME));
  }

  /** Right after {@link LoggingApplicationListener}, which resets Logback's configuration. */
  @Override
  public int getOrder() {
    return LoggingApplicationListener.DEFAULT_ORDER + 1;
  }
}
