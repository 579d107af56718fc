package io.soma.hub.flink.kafka;

import com.fasterxml.jackson.databind.JsonNode;
import io.soma.hub.flink.events.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * What a downstream reader of an output topic sees: every committed record from the beginning, read
 * with {@code isolation.level=read_committed} (records of open or aborted transactions are
 * invisible).
 */
final class CommittedRecords {

  private CommittedRecords() {}

  /** The committed values of the topic now, up to its last stable offset. */
  static List<String> read(String bootstrapServers, String topic) {
    return records(bootstrapServers, topic).stream().map(ConsumerRecord::value).toList();
  }

  /** The committed records of the topic now, headers and all. */
  static List<ConsumerRecord<String, String>> records(String bootstrapServers, String topic) {
    Properties config = new Properties();
    config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
    config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
    List<ConsumerRecord<String, String>> records = new ArrayList<>();
    try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config)) {
      TopicScan.fromBeginningToEnd(consumer, topic, records::add);
    }
    return records;
  }

  /**
   * The committed values once no transaction is open on the topic any more. A sink's commit returns
   * when the broker has logged it, and the commit markers that make the records visible to
   * read_committed readers follow asynchronously: a read right after the job's end may find nothing
   * yet. Settled means the last stable offset has reached the end of each partition.
   */
  static List<String> settled(String bootstrapServers, String topic) {
    Await.until(
        () -> {
          Map<TopicPartition, Long> stable = endOffsets(bootstrapServers, topic, "read_committed");
          Map<TopicPartition, Long> end = endOffsets(bootstrapServers, topic, "read_uncommitted");
          return stable.equals(end)
              ? null
              : topic + " has open transactions: stable " + stable + ", end " + end;
        });
    return read(bootstrapServers, topic);
  }

  private static Map<TopicPartition, Long> endOffsets(
      String bootstrapServers, String topic, String isolation) {
    Properties config = new Properties();
    config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, isolation);
    config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
    config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
    try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config)) {
      List<TopicPartition> partitions =
          consumer.partitionsFor(topic).stream()
              .map(info -> new TopicPartition(topic, info.partition()))
              .toList();
      return consumer.endOffsets(partitions);
    }
  }

  /**
   * Reads again until the committed values satisfy the condition; fails with the last read after
   * the limit.
   */
  static List<String> await(
      String bootstrapServers, String topic, Predicate<List<String>> condition) {
    AtomicReference<List<String>> last = new AtomicReference<>();
    Await.until(
        () -> {
          last.set(read(bootstrapServers, topic));
          return condition.test(last.get())
              ? null
              : topic
                  + " holds "
                  + last.get().size()
                  + " committed records, not what was awaited: "
                  + last.get();
        });
    return last.get();
  }

  /**
   * A per-minute count record as "tenant type window_start=count", the form ScheduledEvents
   * expects.
   */
  static String countLine(String json) {
    try {
      JsonNode count = Json.MAPPER.readTree(json);
      return count.get("tenant").asText()
          + " "
          + count.get("type").asText()
          + " "
          + count.get("window_start").asText()
          + "="
          + count.get("count").asLong();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
