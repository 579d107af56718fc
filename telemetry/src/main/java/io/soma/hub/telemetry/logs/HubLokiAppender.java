package io.soma.hub.telemetry.logs;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import com.github.loki4j.client.batch.LogRecord;
import com.github.loki4j.logback.JsonLayout;
import com.github.loki4j.logback.Loki4jAppender;
import com.github.loki4j.logback.json.MdcJsonProvider;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The hub's loki4j appender: static labels, the ids of {@link LogKeys} as structured metadata, the
 * line itself as JSON. Appending only renders the line and queues it; encoding and sending run on
 * loki4j's own threads, so a request thread never waits for Loki.
 */
public final class HubLokiAppender extends Loki4jAppender {

  public static final String NAME = "LOKI";

  private Duration drainTimeout;

  /**
   * A started appender for {@code context}; attach it to the loggers whose lines should reach Loki.
   */
  public static HubLokiAppender start(
      LoggerContext context, LokiTarget target, LokiBudget budget, String name) {
    HubLokiAppender appender = new HubLokiAppender();
    appender.setContext(context);
    appender.setName(name);
    appender.setLabels(
        "app=" + target.app() + "\nnamespace=" + target.namespace() + "\nenv=" + target.env());
    appender.setStructuredMetadata("*=%%mdc{" + String.join(",", LogKeys.SHIPPED) + "}");
    appender.setMessage(jsonLines());
    appender.setMetricsEnabled(true);
    appender.setBatch(batch(budget));
    appender.setHttp(http(target, budget));
    appender.drainTimeout = budget.drainTimeout();
    appender.start();
    return appender;
  }

  /**
   * Renames the Temporal SDK's and the tracing MDC keys, so a workflow id is {@code workflow_id}
   * whoever put it there.
   */
  @Override
  public LogRecord eventToLogRecord(ILoggingEvent event) {
    LogRecord record = super.eventToLogRecord(event);
    if (record.metadata.keySet().stream().noneMatch(LogKeys.RENAMES::containsKey)) {
      return record;
    }
    Map<String, String> renamed = new LinkedHashMap<>();
    record.metadata.forEach(
        (key, value) -> renamed.putIfAbsent(LogKeys.RENAMES.getOrDefault(key, key), value));
    return LogRecord.create(
        record.timestampMs, record.nanosInMs, record.stream, record.message, renamed);
  }

  /**
   * Drains the queue to Loki, for at most the budget's drain timeout: loki4j's own drain waits
   * without a limit, so with Loki unreachable at shutdown it would hold the JVM until the pod is
   * killed. What is left is lost.
   */
  @Override
  public void stop() {
    if (!isStarted()) {
      return;
    }
    Thread draining = new Thread(() -> super.stop(), "loki4j-drain");
    draining.setDaemon(true);
    draining.start();
    try {
      draining.join(drainTimeout.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (draining.isAlive()) {
      addWarn("Loki did not take the queued lines within " + drainTimeout + "; they are lost");
    }
  }

  /**
   * One JSON object a line; the MDC ids are structured metadata already, so they are not repeated
   * in the line.
   */
  private static JsonLayout jsonLines() {
    JsonLayout layout = new JsonLayout();
    MdcJsonProvider mdc = new MdcJsonProvider();
    mdc.setEnabled(false);
    layout.setMdc(mdc);
    return layout;
  }

  private static BatchCfg batch(LokiBudget budget) {
    BatchCfg batch = new BatchCfg();
    batch.setMaxItems(budget.batchMaxItems());
    batch.setMaxBytes(budget.batchMaxBytes());
    batch.setTimeoutMs(budget.batchTimeout().toMillis());
    batch.setSendQueueMaxBytes(budget.sendQueueMaxBytes());
    batch.setStaticLabels(true);
    batch.setDrainOnStop(true);
    return batch;
  }

  private static HttpCfg http(LokiTarget target, LokiBudget budget) {
    HttpCfg http = new HttpCfg();
    http.setUrl(target.pushUrl().toString());
    http.setSender(new LokiRetryPolicy());
    http.setUseProtobufApi(false);
    http.setMaxRetries(budget.maxRetries());
    http.setMinRetryBackoffMs(budget.minRetryBackoff().toMillis());
    http.setMaxRetryBackoffMs(budget.maxRetryBackoff().toMillis());
    http.setMaxRetryJitterMs(budget.maxRetryJitterMs());
    http.setConnectionTimeoutMs(budget.connectTimeout().toMillis());
    http.setRequestTimeoutMs(budget.requestTimeout().toMillis());
    // A 429 is Loki's ingestion limit: keep the batch and retry, the queue absorbs the burst.
    http.setDropRateLimitedBatches(false);
    return http;
  }
}
