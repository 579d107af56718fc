package io.soma.hub.flink.events;

import java.io.IOException;
import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/**
 * Every event crosses the keyed exchange, so its serializer is on the hot path twice per event.
 * Flink's POJO serializer for a record writes a flag per field, strings a character at a time, and
 * builds the record by reflection; this one writes the four strings compactly ({@link
 * CompactStrings}) and the time as a long, and calls the constructor. No state holds events (the
 * windows keep counts, the de-duplication ids), so the format is free to change; the snapshot names
 * it for the case that one ever does.
 */
public final class CloudEventSerializer extends ImmutableTypeSerializer<CloudEvent> {

  public static final CloudEventSerializer INSTANCE = new CloudEventSerializer();

  private CloudEventSerializer() {}

  @Override
  public CloudEvent createInstance() {
    return new CloudEvent("", "", "", 0, "");
  }

  @Override
  public void serialize(CloudEvent event, DataOutputView out) throws IOException {
    CompactStrings.write(event.id(), out);
    CompactStrings.write(event.source(), out);
    CompactStrings.write(event.type(), out);
    out.writeLong(event.timeMillis());
    CompactStrings.write(event.tenant(), out);
  }

  @Override
  public CloudEvent deserialize(DataInputView in) throws IOException {
    String id = CompactStrings.read(in);
    String source = CompactStrings.read(in);
    String type = CompactStrings.read(in);
    long timeMillis = in.readLong();
    return new CloudEvent(id, source, type, timeMillis, CompactStrings.read(in));
  }

  @Override
  public void copy(DataInputView in, DataOutputView out) throws IOException {
    CompactStrings.copy(in, out);
    CompactStrings.copy(in, out);
    CompactStrings.copy(in, out);
    out.writeLong(in.readLong());
    CompactStrings.copy(in, out);
  }

  @Override
  public TypeSerializerSnapshot<CloudEvent> snapshotConfiguration() {
    return new Snapshot();
  }

  /**
   * Restores {@link #INSTANCE}; public with a no-argument constructor, as Flink instantiates it by
   * name.
   */
  public static final class Snapshot extends SimpleTypeSerializerSnapshot<CloudEvent> {
    public Snapshot() {
      super(() -> INSTANCE);
    }
  }
}
