package io.soma.hub.flink.topology;

import io.soma.hub.flink.events.CloudEvent;
import org.apache.flink.api.common.functions.AggregateFunction;

/** Incremental count, so a window keeps one long per key instead of its events. */
final class CountEvents implements AggregateFunction<CloudEvent, Long, Long> {

  @Override
  public Long createAccumulator() {
    return 0L;
  }

  @Override
  public Long add(CloudEvent event, Long count) {
    return count + 1;
  }

  @Override
  public Long getResult(Long count) {
    return count;
  }

  @Override
  public Long merge(Long a, Long b) {
    return a + b;
  }
}
