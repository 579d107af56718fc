package io.soma.hub.worker.temporal;

import io.soma.hub.orchestration.connection.TemporalTls;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.boot.convert.DurationUnit;

/**
 * Where the worker finds Temporal and how it stops.
 *
 * @param embedded start the in-process Java test server on the port of {@code address} before
 *     connecting (local use only, when no {@code temporal} CLI is available)
 * @param drainTimeout how long a stopping worker waits for tasks it already received
 * @param maxConnectBackoff the longest pause between two attempts to reach an unavailable Temporal
 *     service
 * @param tls TLS to the frontend (HUB_TEMPORAL_TLS_*); off by default
 */
@ConfigurationProperties("hub.temporal")
public record TemporalProperties(
    @DefaultValue("127.0.0.1:7233") String address,
    @DefaultValue("default") String namespace,
    @DefaultValue("false") boolean embedded,
    @DurationUnit(ChronoUnit.SECONDS) @DefaultValue("30s") Duration drainTimeout,
    @DurationUnit(ChronoUnit.SECONDS) @DefaultValue("10s") Duration metricsReportInterval,
    @DurationUnit(ChronoUnit.SECONDS) @DefaultValue("15s") Duration maxConnectBackoff,
    @DefaultValue TemporalTls tls) {

  /** The port of {@code address}, which is {@code host:port}. */
  public int port() {
    int colon = address.lastIndexOf(':');
    if (colon < 0) {
      throw new IllegalStateException(
          "HUB_TEMPORAL_ADDRESS must be host:port, was '" + address + "'");
    }
    return Integer.parseInt(address.substring(colon + 1).strip());
  }
}
