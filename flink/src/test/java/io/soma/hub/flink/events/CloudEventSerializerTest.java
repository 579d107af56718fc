package io.soma.hub.flink.events;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.SerializerTestBase;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.junit.jupiter.api.Test;

/**
 * Flink's own serializer test suite (round trips one by one and in sequence, copies, snapshot and
 * restore, duplicates) over events with ASCII, Latin-1 and other text, empty and long strings and
 * extreme times.
 */
class CloudEventSerializerTest extends SerializerTestBase<CloudEvent> {

  @Override
  protected TypeSerializer<CloudEvent> createSerializer() {
    return CloudEventSerializer.INSTANCE;
  }

  @Override
  protected int getLength() {
    return -1;
  }

  @Override
  protected Class<CloudEvent> getTypeClass() {
    return CloudEvent.class;
  }

  @Override
  protected CloudEvent[] getTestData() {
    return new CloudEvent[] {
      new CloudEvent(
          "e-1",
          "/hub/functions/sessions",
          "io.soma.hub.session.started",
          1_764_064_801_250L,
          "acme"),
      new CloudEvent("", "", "", 0, ""),
      new CloudEvent("caf\u00e9-\u00ff", "/s\u00e9", "t\u00e8st", -1, "\u00c5ngstr\u00f6m"),
      new CloudEvent(
          "\ud83d\ude00-\u4e2d\u6587", "/\u0100", "\u20ac", Long.MIN_VALUE, "tenant-\u2028"),
      new CloudEvent("x".repeat(70_000), "s", "t", Long.MAX_VALUE, "\u0000\u007f\u0080"),
      new CloudEvent(null, null, "t", 5, null),
      // A '?' of the text next to characters that Latin-1 encoding turns into '?'.
      new CloudEvent("a?b\ud800c", "?\udc00?", "\u0100?", 7, "??\ud83d\ude00?"),
      new CloudEvent("what?", "/?x=1", "?", 8, "\ud800")
    };
  }

  @Test
  void everyStreamOfEventsUsesIt() {
    assertThat(TypeInformation.of(CloudEvent.class)).isEqualTo(CloudEventTypeInfo.INSTANCE);
    assertThat(
            TypeInformation.of(CloudEvent.class)
                .createSerializer(
                    new org.apache.flink.api.common.serialization.SerializerConfigImpl()))
        .isSameAs(CloudEventSerializer.INSTANCE);
  }
}
