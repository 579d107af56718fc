package io.soma.hub.flink.job;

import io.soma.hub.flink.topology.EventCountOutputs;
import io.soma.hub.flink.topology.EventCountTopology;
import io.soma.hub.flink.topology.TopologySettings;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * The whole job graph on a given environment, source and sinks: what {@link EventCountJob#main}
 * runs with Kafka, and what an end-to-end test or a benchmark runs with a real broker on a
 * MiniCluster, or with other connectors. It adds operators only; checkpointing and execution are
 * the caller's.
 */
public final class EventCountPipeline {

  private EventCountPipeline() {}

  public static EventCountOutputs build(
      StreamExecutionEnvironment env,
      Source<String, ?, ?> source,
      PipelineSinks sinks,
      TopologySettings settings) {
    // Watermarks come from the parsed `time`, after the source: a raw record has no event time yet.
    DataStream<String> records =
        env.fromSource(source, WatermarkStrategy.noWatermarks(), "soma.events")
            .uid("events-source");
    EventCountOutputs outputs = EventCountTopology.apply(records, settings);
    outputs.counts().sinkTo(sinks.counts()).name("per-minute counts sink").uid("counts-sink");
    outputs
        .deadLetters()
        .sinkTo(sinks.deadLetters())
        .name("dead-letter sink")
        .uid("dead-letter-sink");
    outputs.lateEvents().sinkTo(sinks.lateEvents()).name("late-event sink").uid("late-event-sink");
    return outputs;
  }
}
