package io.soma.hub.flink.kafka;

import io.soma.hub.flink.events.CloudEvent;
import io.soma.hub.flink.events.CloudEventParser;
import io.soma.hub.flink.events.MalformedEventException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * The simplest hand-written equivalent of the job, the benchmark's baseline: one plain Kafka
 * consumer thread reads the topic from the beginning to its end, parses each record with the job's
 * own parser (the same code: the same checks and the same cost, so a faster parser speeds up both
 * paths) and counts per tenant, type and minute in a HashMap. No de-duplication, no state, no
 * checkpoints, no output.
 */
final class RawCounter {

  private RawCounter() {}

  private record Minute(String tenant, String type, long startMillis) {}

  /** Times from creating the consumer to the last count. */
  static BenchRun count(String bootstrapServers, String topic) {
    long start = System.nanoTime();
    long cpuStart = BenchRun.processCpuNanos();
    Map<Minute, Long> counts = new HashMap<>();
    Properties config = new Properties();
    config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
    config.put(
        ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
    try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(config)) {
      TopicScan.fromBeginningToEnd(
          consumer,
          topic,
          record -> {
            // As the job's source does: the value as UTF-8 text.
            CloudEvent event = parse(new String(record.value(), StandardCharsets.UTF_8));
            long minute = event.timeMillis() - Math.floorMod(event.timeMillis(), 60_000L);
            counts.merge(new Minute(event.tenant(), event.type(), minute), 1L, Long::sum);
          });
    }
    List<String> lines = new ArrayList<>();
    counts.forEach(
        (minute, count) ->
            lines.add(
                minute.tenant()
                    + " "
                    + minute.type()
                    + " "
                    + Instant.ofEpochMilli(minute.startMillis())
                    + "="
                    + count));
    long events = counts.values().stream().mapToLong(Long::longValue).sum();
    return new BenchRun(
        events,
        (System.nanoTime() - start) / 1e9,
        (BenchRun.processCpuNanos() - cpuStart) / 1e9,
        lines);
  }

  private static CloudEvent parse(String record) {
    try {
      return CloudEventParser.parse(record);
    } catch (MalformedEventException e) {
      throw new IllegalStateException("the benchmark's own event is malformed: " + record, e);
    }
  }
}
