package io.soma.hub.flink.events;

import java.lang.reflect.Type;
import java.util.Map;
import org.apache.flink.api.common.serialization.SerializerConfig;
import org.apache.flink.api.common.typeinfo.TypeInfoFactory;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializer;

/**
 * Flink's type of {@link CloudEvent}, named by the record's {@code @TypeInfo}, so that every stream
 * of events, however its type is found, is serialized by {@link CloudEventSerializer}. Not a key
 * type: events are keyed by fields of theirs, never by the whole event.
 */
public final class CloudEventTypeInfo extends TypeInformation<CloudEvent> {

  public static final CloudEventTypeInfo INSTANCE = new CloudEventTypeInfo();

  @Override
  public boolean isBasicType() {
    return false;
  }

  @Override
  public boolean isTupleType() {
    return false;
  }

  @Override
  public int getArity() {
    return 1;
  }

  @Override
  public int getTotalFields() {
    return 1;
  }

  @Override
  public Class<CloudEvent> getTypeClass() {
    return CloudEvent.class;
  }

  @Override
  public boolean isKeyType() {
    return false;
  }

  @Override
  public TypeSerializer<CloudEvent> createSerializer(SerializerConfig config) {
    return CloudEventSerializer.INSTANCE;
  }

  @Override
  public String toString() {
    return "CloudEvent";
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof CloudEventTypeInfo;
  }

  @Override
  public int hashCode() {
    return CloudEventTypeInfo.class.hashCode();
  }

  @Override
  public boolean canEqual(Object other) {
    return other instanceof CloudEventTypeInfo;
  }

  /** What {@code @TypeInfo} on {@link CloudEvent} names. */
  public static final class Factory extends TypeInfoFactory<CloudEvent> {
    @Override
    public TypeInformation<CloudEvent> createTypeInfo(
        Type type, Map<String, TypeInformation<?>> parameters) {
      return INSTANCE;
    }
  }
}
