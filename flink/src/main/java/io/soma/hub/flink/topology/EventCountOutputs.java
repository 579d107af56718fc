package io.soma.hub.flink.topology;

import org.apache.flink.streaming.api.datastream.DataStream;

/**
 * What the topology produces, each record a JSON string ready for its topic.
 *
 * @param counts one {@link WindowCount} per tenant, type and minute with events
 * @param deadLetters one {@link io.soma.hub.flink.events.DeadLetter} per malformed record
 * @param lateEvents the events that arrived after their minute was emitted, as CloudEvents
 */
public record EventCountOutputs(
    DataStream<String> counts, DataStream<String> deadLetters, DataStream<String> lateEvents) {}
