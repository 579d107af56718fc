package io.soma.hub.flink.job;

import org.apache.flink.api.connector.sink2.Sink;

/**
 * Where the three outputs of the topology go: Kafka topics in the job, anything else in a test or a
 * bench.
 */
public record PipelineSinks(
    Sink<String> counts, Sink<String> deadLetters, Sink<String> lateEvents) {}
