package io.soma.hub.flink.topology;

import org.apache.flink.streaming.api.functions.windowing.ProcessWindowFunction;
import org.apache.flink.streaming.api.windowing.windows.TimeWindow;
import org.apache.flink.util.Collector;

/** Attaches the key and the window's bounds to the count of a fired window. */
final class EmitWindowCount
    extends ProcessWindowFunction<Long, WindowCount, TenantType, TimeWindow> {

  @Override
  public void process(
      TenantType key, Context context, Iterable<Long> counts, Collector<WindowCount> out) {
    TimeWindow window = context.window();
    for (Long count : counts) {
      out.collect(
          new WindowCount(key.tenant(), key.type(), window.getStart(), window.getEnd(), count));
    }
  }
}
