package io.soma.hub.flink.events;

import java.io.IOException;
import org.apache.flink.api.common.typeutils.base.TypeSerializerSingleton;
import org.apache.flink.core.memory.DataInputView;

/**
 * What every serializer of an immutable, variable-length type says the same way: a value is its own
 * copy, there is no fixed length, and a reused instance is never filled in.
 */
abstract class ImmutableTypeSerializer<T> extends TypeSerializerSingleton<T> {

  @Override
  public final boolean isImmutableType() {
    return true;
  }

  @Override
  public final T copy(T from) {
    return from;
  }

  @Override
  public final T copy(T from, T reuse) {
    return from;
  }

  @Override
  public final int getLength() {
    return -1;
  }

  @Override
  public final T deserialize(T reuse, DataInputView in) throws IOException {
    return deserialize(in);
  }
}
