package io.soma.hub.flink.events;

import org.apache.flink.api.common.typeutils.SerializerTestBase;
import org.apache.flink.api.common.typeutils.TypeSerializer;

/**
 * Flink's serializer test suite over ASCII, Latin-1, other and lone-surrogate text, empty and long
 * strings.
 */
class CompactStringSerializerTest extends SerializerTestBase<String> {

  @Override
  protected TypeSerializer<String> createSerializer() {
    return CompactStringSerializer.INSTANCE;
  }

  @Override
  protected int getLength() {
    return -1;
  }

  @Override
  protected Class<String> getTypeClass() {
    return String.class;
  }

  @Override
  protected String[] getTestData() {
    return new String[] {
      "bench-1",
      "",
      "caf\u00e9",
      "\u00ff\u0000",
      "\ud83d\ude00 \u4e2d",
      "lone \ud800 surrogate",
      "what? ?\u0100? \ud83d\ude00?",
      "?",
      "y".repeat(100_000)
    };
  }
}
