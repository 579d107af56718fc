package io.soma.hub.flink.kafka;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;

/**
 * Reads every partition of a topic from its beginning to the end offsets it has when the scan
 * starts.
 */
final class TopicScan {

  private TopicScan() {}

  static <K, V> void fromBeginningToEnd(
      KafkaConsumer<K, V> consumer, String topic, Consumer<ConsumerRecord<K, V>> each) {
    List<TopicPartition> partitions =
        consumer.partitionsFor(topic).stream()
            .map(info -> new TopicPartition(topic, info.partition()))
            .toList();
    consumer.assign(partitions);
    consumer.seekToBeginning(partitions);
    // Under read_committed the end offsets are the last stable offsets: nothing beyond them is
    // committed yet.
    Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
    while (partitions.stream()
        .anyMatch(partition -> consumer.position(partition) < end.get(partition))) {
      consumer.poll(Duration.ofMillis(100)).forEach(each);
    }
  }
}
