package io.soma.hub.flink.kafka;

import java.util.Properties;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Writes raw records to the input topic, each to the partition the test chose, acknowledged by the
 * broker.
 */
final class EventProducer implements AutoCloseable {

  private final KafkaProducer<String, String> producer;
  private final String topic;

  EventProducer(String bootstrapServers, String topic) {
    Properties config = new Properties();
    config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    config.put(ProducerConfig.ACKS_CONFIG, "all");
    config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
    config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
    this.producer = new KafkaProducer<>(config);
    this.topic = topic;
  }

  void send(int partition, String record) {
    producer.send(new ProducerRecord<>(topic, partition, null, record));
  }

  /** Sends the batch; it is in the topic when this returns. */
  void sendAll(ScheduledEvents.Batch batch) {
    batch.records().forEach(record -> send(record.partition(), record.value()));
    producer.flush();
  }

  @Override
  public void close() {
    producer.close();
  }
}
