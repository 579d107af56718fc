package io.soma.hub.flink.topology;

import java.util.HashMap;
import java.util.Map;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.functions.RichMapFunction;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.MetricGroup;

/**
 * Exposes the per-minute counts as metrics labelled {@code tenant} and {@code type}: a counter of
 * all counted events (rate it in Prometheus) and a gauge with the latest emitted minute. Each pair
 * is a new time series, so a subtask gives its own series to the first {@code maxSeries} pairs
 * only; later pairs share the series {@code tenant="_other", type="_other"}, and every count
 * recorded there also counts in {@code metric_series_overflow} (a signal to raise the limit or to
 * look for a runaway tenant or type).
 */
final class PerMinuteCountMetrics extends RichMapFunction<WindowCount, WindowCount> {

  static final String COUNTED_METRIC = "events_counted";
  static final String LAST_MINUTE_METRIC = "events_last_minute";
  static final String OVERFLOW_METRIC = "metric_series_overflow";
  static final TenantType OVERFLOW = new TenantType("_other", "_other");

  private final int maxSeries;
  private transient Map<TenantType, Series> series;
  private transient Counter overflow;

  PerMinuteCountMetrics(int maxSeries) {
    this.maxSeries = maxSeries;
  }

  @Override
  public void open(OpenContext context) {
    series = new HashMap<>();
    overflow = getRuntimeContext().getMetricGroup().counter(OVERFLOW_METRIC);
  }

  @Override
  public WindowCount map(WindowCount count) {
    series(new TenantType(count.tenant(), count.type())).record(count.count());
    return count;
  }

  private Series series(TenantType key) {
    Series existing = series.get(key);
    if (existing != null) {
      return existing;
    }
    if (series.size() < maxSeries) {
      return register(key);
    }
    overflow.inc();
    Series shared = series.get(OVERFLOW);
    return shared != null ? shared : register(OVERFLOW);
  }

  private Series register(TenantType key) {
    MetricGroup group =
        getRuntimeContext()
            .getMetricGroup()
            .addGroup("tenant", key.tenant())
            .addGroup("type", key.type());
    Series created = new Series(group.counter(COUNTED_METRIC));
    group.gauge(LAST_MINUTE_METRIC, created::lastMinute);
    series.put(key, created);
    return created;
  }

  /** One pair's metrics; the gauge reads the last count from the task thread's writes. */
  private static final class Series {
    private final Counter counted;
    private volatile long lastMinute;

    Series(Counter counted) {
      this.counted = counted;
    }

    void record(long count) {
      counted.inc(count);
      lastMinute = count;
    }

    long lastMinute() {
      return lastMinute;
    }
  }
}
