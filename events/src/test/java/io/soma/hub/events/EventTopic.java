package io.soma.hub.events;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Reads a topic of a real broker from the beginning, committed records only, as the analytics job
 * does.
 */
public final class EventTopic {

  private EventTopic() {}

  public static List<ConsumerRecord<String, String>> read(
      String bootstrap, String topic, int expected, Duration within) {
    return read(bootstrap, topic, records -> records.size() >= expected, within);
  }

  /** Polls until {@code enough} holds for everything read so far, or {@code within} has passed. */
  public static List<ConsumerRecord<String, String>> read(
      String bootstrap,
      String topic,
      Predicate<List<ConsumerRecord<String, String>>> enough,
      Duration within) {
    Properties config = new Properties();
    config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    config.put(ConsumerConfig.GROUP_ID_CONFIG, "test-" + UUID.randomUUID());
    config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    List<ConsumerRecord<String, String>> records = new ArrayList<>();
    try (KafkaConsumer<String, String> consumer =
        new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer())) {
      consumer.subscribe(List.of(topic));
      Instant deadline = Instant.now().plus(within);
      while (!enough.test(records) && Instant.now().isBefore(deadline)) {
        consumer.poll(Duration.ofMillis(200)).forEach(records::add);
      }
    }
    return records;
  }
}
