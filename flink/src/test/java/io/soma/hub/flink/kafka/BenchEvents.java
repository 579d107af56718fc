package io.soma.hub.flink.kafka;

import io.soma.hub.flink.events.TestEvents;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The benchmark's input: n hub CloudEvents (as the hub writes them, about 250 bytes each) over 30
 * minutes of event time, four tenants and three types, round-robin over the partitions so that each
 * partition is in time order.
 */
final class BenchEvents {

  static final List<String> TENANTS = List.of("acme", "globex", "initech", "umbrella");
  static final List<String> TYPES =
      List.of(
          "io.soma.hub.session.started",
          "io.soma.hub.session.completed",
          "io.soma.hub.memory.refreshed");
  private static final Instant START = Instant.parse(TestEvents.DAY + "10:00:00Z");
  private static final Duration SPAN = Duration.ofMinutes(30);

  private BenchEvents() {}

  static void fill(String bootstrapServers, String topic, int partitions, int events) {
    Properties config = new Properties();
    config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
    config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
    // Filling is not measured: large batches fill the topic sooner.
    config.put(ProducerConfig.LINGER_MS_CONFIG, "20");
    config.put(ProducerConfig.BATCH_SIZE_CONFIG, Integer.toString(512 * 1024));
    try (KafkaProducer<String, String> producer = new KafkaProducer<>(config)) {
      for (int i = 0; i < events; i++) {
        producer.send(new ProducerRecord<>(topic, i % partitions, null, event(i, events)));
      }
      producer.flush();
    }
  }

  /** Event i of n: tenant and type vary independently of the partition (i % partitions). */
  static String event(int i, int n) {
    String tenant = TENANTS.get((i / 3) % TENANTS.size());
    String type = TYPES.get((i / 12) % TYPES.size());
    Instant time = START.plusMillis(i * SPAN.toMillis() / n);
    return TestEvents.event("bench-" + i, tenant, type, time.toString());
  }
}
