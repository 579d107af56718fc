package io.soma.hub.flink.events;

import java.io.IOException;
import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/**
 * Strings in the {@link CompactStrings} format, for state that holds many of them: the
 * de-duplication's event ids, written at every checkpoint on the heap backend and at every read and
 * write on RocksDB. The encoding of a string depends on its text alone, as RocksDB's lookups by
 * serialized key require.
 */
public final class CompactStringSerializer extends ImmutableTypeSerializer<String> {

  public static final CompactStringSerializer INSTANCE = new CompactStringSerializer();

  private CompactStringSerializer() {}

  @Override
  public String createInstance() {
    return "";
  }

  @Override
  public void serialize(String value, DataOutputView out) throws IOException {
    CompactStrings.write(value, out);
  }

  @Override
  public String deserialize(DataInputView in) throws IOException {
    return CompactStrings.read(in);
  }

  @Override
  public void copy(DataInputView in, DataOutputView out) throws IOException {
    CompactStrings.copy(in, out);
  }

  @Override
  public TypeSerializerSnapshot<String> snapshotConfiguration() {
    return new Snapshot();
  }

  /**
   * Restores {@link #INSTANCE}; public with a no-argument constructor, as Flink instantiates it by
   * name.
   */
  public static final class Snapshot extends SimpleTypeSerializerSnapshot<String> {
    public Snapshot() {
      super(() -> INSTANCE);
    }
  }
}
