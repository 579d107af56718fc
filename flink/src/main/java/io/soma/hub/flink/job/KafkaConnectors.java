package io.soma.hub.flink.job;

import java.nio.charset.StandardCharsets;
import java.util.Properties;
import org.apache.flink.api.common.serialization.SimpleStringSchema;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.connector.kafka.sink.HeaderProvider;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchemaBuilder;
import org.apache.flink.connector.kafka.sink.KafkaSink;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.KafkaSourceBuilder;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.kafka.clients.consumer.OffsetResetStrategy;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;

/** The job's Kafka source and its exactly-once sinks, from the settings. */
public final class KafkaConnectors {

  private KafkaConnectors() {}

  /**
   * Resumes from the group's committed offsets (committed on checkpoints), from the beginning the
   * first time.
   */
  public static KafkaSource<String> source(JobSettings settings) {
    return sourceBuilder(settings).build();
  }

  /** The job's source before it is built, for a benchmark that bounds it or starts it elsewhere. */
  public static KafkaSourceBuilder<String> sourceBuilder(JobSettings settings) {
    return KafkaSource.<String>builder()
        .setBootstrapServers(settings.bootstrapServers())
        .setTopics(settings.inputTopic())
        .setGroupId(settings.groupId())
        .setStartingOffsets(OffsetsInitializer.committedOffsets(OffsetResetStrategy.EARLIEST))
        .setDeserializer(new RecordValues());
  }

  /**
   * Three transactional sinks, each with its own transactional id prefix (two sinks sharing one
   * would fence each other). Readers of these topics must use {@code
   * isolation.level=read_committed} to see each record once.
   */
  public static PipelineSinks sinks(JobSettings settings) {
    return new PipelineSinks(
        exactlyOnce(settings, settings.countsTopic(), "counts", null),
        exactlyOnce(settings, settings.deadLetterTopic(), "dead-letters", null),
        exactlyOnce(settings, settings.lateTopic(), "late", KafkaConnectors::cloudEventHeaders));
  }

  /**
   * A late event is written back as a CloudEvent in structured mode: the Kafka protocol binding
   * gives the record the event format's content-type, as the hub's publishers do.
   */
  static Headers cloudEventHeaders(String event) {
    return new RecordHeaders()
        .add("content-type", CLOUD_EVENT_FORMAT.getBytes(StandardCharsets.UTF_8));
  }

  private static final String CLOUD_EVENT_FORMAT = "application/cloudevents+json; charset=UTF-8";

  /**
   * @param headers the records' headers, or null for none
   */
  private static KafkaSink<String> exactlyOnce(
      JobSettings settings, String topic, String name, HeaderProvider<String> headers) {
    KafkaRecordSerializationSchemaBuilder<String> records =
        KafkaRecordSerializationSchema.<String>builder()
            .setTopic(topic)
            .setValueSerializationSchema(new SimpleStringSchema());
    if (headers != null) {
      records.setHeaderProvider(headers);
    }
    Properties producer = new Properties();
    // Flink's default (1 h) is above the brokers' default maximum (15 min) and would fail every
    // transaction.
    producer.setProperty(
        ProducerConfig.TRANSACTION_TIMEOUT_CONFIG,
        Long.toString(settings.transactionTimeout().toMillis()));
    return KafkaSink.<String>builder()
        .setBootstrapServers(settings.bootstrapServers())
        .setKafkaProducerConfig(producer)
        .setRecordSerializer(records.build())
        .setDeliveryGuarantee(DeliveryGuarantee.EXACTLY_ONCE)
        .setTransactionalIdPrefix(settings.transactionalIdPrefix() + "-" + name)
        .build();
  }
}
