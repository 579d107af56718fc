package io.soma.hub.flink.topology;

import io.soma.hub.flink.events.CloudEvent;
import io.soma.hub.flink.events.CloudEventParser;
import io.soma.hub.flink.events.DeadLetter;
import io.soma.hub.flink.events.MalformedEventException;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * Raw records to events; a record that is not a hub CloudEvent goes to the dead letters and is
 * counted.
 */
final class ParseEvents extends ProcessFunction<String, CloudEvent> {

  static final String MALFORMED_METRIC = "malformed_records";

  private final OutputTag<DeadLetter> deadLetters;
  private transient Counter malformed;

  ParseEvents(OutputTag<DeadLetter> deadLetters) {
    this.deadLetters = deadLetters;
  }

  @Override
  public void open(OpenContext context) {
    malformed = getRuntimeContext().getMetricGroup().counter(MALFORMED_METRIC);
  }

  @Override
  public void processElement(String record, Context context, Collector<CloudEvent> out) {
    try {
      out.collect(CloudEventParser.parse(record));
    } catch (MalformedEventException e) {
      malformed.inc();
      context.output(deadLetters, new DeadLetter(e.getMessage(), record == null ? "" : record));
    }
  }
}
