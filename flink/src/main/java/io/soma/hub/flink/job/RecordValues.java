package io.soma.hub.flink.job;

import java.nio.charset.StandardCharsets;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * A Kafka record's value as UTF-8 text. A record without a value (a tombstone) becomes the empty
 * string, which the parser sends to the dead letters, instead of a null that would fail the source.
 */
final class RecordValues implements KafkaRecordDeserializationSchema<String> {

  @Override
  public void deserialize(ConsumerRecord<byte[], byte[]> record, Collector<String> out) {
    byte[] value = record.value();
    out.collect(value == null ? "" : new String(value, StandardCharsets.UTF_8));
  }

  @Override
  public TypeInformation<String> getProducedType() {
    return Types.STRING;
  }
}
