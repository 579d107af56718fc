package io.soma.hub.flink.topology;

import static org.assertj.core.api.Assertions.assertThat;

import io.soma.hub.flink.events.CloudEvent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.runtime.state.KeyedStateBackend;
import org.apache.flink.runtime.state.VoidNamespace;
import org.apache.flink.runtime.state.VoidNamespaceSerializer;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.apache.flink.util.OutputTag;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The de-duplication and the per-minute counts on their own, with processing time and watermarks in
 * the test's hand: the horizon, the sweeps, the minutes, lateness and a restore.
 */
@DisplayName(
    "CountDistinctPerMinute drops copies of an id within the horizon and counts the rest per minute")
class CountDistinctPerMinuteTest {

  private static final Duration HORIZON = Duration.ofMinutes(60);
  private static final long MINUTE = 60_000;
  private static final TenantType ACME = new TenantType("acme", "started");
  private static final OutputTag<CloudEvent> LATE =
      new OutputTag<>("late", TypeInformation.of(CloudEvent.class));

  @Test
  @DisplayName("a copy within the horizon is dropped; after it, the id passes again")
  void horizon() throws Exception {
    try (var harness = harness()) {
      // Each event in its own minute, so the counts say which events passed.
      harness.setProcessingTime(1_000);
      harness.processElement(event("e1", 0), 0);
      harness.setProcessingTime(1_000 + 59 * MINUTE);
      harness.processElement(event("e1", 1), 0);
      harness.processElement(event("e2", 2), 0);
      harness.setProcessingTime(1_000 + 60 * MINUTE - 1);
      harness.processElement(event("e1", 3), 0);
      harness.setProcessingTime(1_000 + 60 * MINUTE);
      harness.processElement(event("e1", 4), 0);
      harness.processWatermark(Long.MAX_VALUE);

      assertThat(counts(harness)).containsExactly("acme started 0=1", "2=1", "4=1");
    }
  }

  @Test
  @DisplayName(
      "ids are remembered per tenant and type: the same id under another pair is another key's")
  void perKey() throws Exception {
    try (var harness = harness()) {
      harness.processElement(event("e1", 0), 0);
      harness.processElement(new CloudEvent("e1", "/s", "completed", 0, "acme"), 0);
      harness.processElement(event("e1", 0), 0);
      harness.processWatermark(Long.MAX_VALUE);

      assertThat(counts(harness))
          .containsExactlyInAnyOrder("acme started 0=1", "acme completed 0=1");
    }
  }

  @Test
  @DisplayName(
      "sweeps remove expired ids, keep the others, and a key holds a handful of timers, not one per event")
  void sweeps() throws Exception {
    try (var harness = harness()) {
      for (int i = 0; i < 1_000; i++) {
        harness.setProcessingTime(i * 100L);
        harness.processElement(event("old-" + i, 0), 0);
      }
      assertThat(harness.numProcessingTimeTimers()).isLessThanOrEqualTo(2);
      harness.setProcessingTime(50 * MINUTE);
      harness.processElement(event("new", 0), 0);
      assertThat(harness.numProcessingTimeTimers()).isLessThanOrEqualTo(3);

      // Past the horizon of every old id and past the sweep after it: only "new" is left.
      harness.setProcessingTime(90 * MINUTE);
      assertThat(remembered(harness)).containsExactly("new");
      harness.setProcessingTime(130 * MINUTE);
      assertThat(remembered(harness)).isEmpty();
      assertThat(harness.numProcessingTimeTimers()).isZero();

      // A key whose sweeps all fired registers the next one again.
      harness.processElement(event("later", 0), 0);
      assertThat(harness.numProcessingTimeTimers()).isOne();
    }
  }

  @Test
  @DisplayName(
      "a minute is emitted once the watermark passes its last millisecond, with one timer per minute")
  void minutes() throws Exception {
    try (var harness = harness()) {
      harness.processElement(event("a", 0, 10_000), 0);
      harness.processElement(event("b", 0, 59_999), 0);
      harness.processElement(event("c", 1, 0), 0);
      harness.processElement(event("d", 0, 30_000), 0);
      assertThat(harness.numEventTimeTimers()).isEqualTo(2);

      harness.processWatermark(MINUTE - 2);
      assertThat(counts(harness)).isEmpty();
      harness.processWatermark(MINUTE - 1);
      assertThat(counts(harness)).containsExactly("acme started 0=3");
      assertThat(harness.numEventTimeTimers()).isOne();

      harness.processWatermark(Long.MAX_VALUE);
      assertThat(counts(harness)).containsExactly("acme started 0=3", "1=1");
      assertThat(windows(harness))
          .containsExactly(List.of(0L, MINUTE), List.of(MINUTE, 2 * MINUTE));
    }
  }

  @Test
  @DisplayName(
      "an event of a closed minute goes to the late output, in no count, its id still remembered")
  void late() throws Exception {
    try (var harness = harness()) {
      harness.processElement(event("a", 0), 0);
      harness.processWatermark(MINUTE - 1);
      harness.processElement(event("late", 0, 59_999), 0);
      harness.processElement(event("b", 1, 0), 0);
      // A copy of the late event, now in an open minute: still a duplicate.
      harness.processElement(event("late", 1, 1), 0);
      harness.processWatermark(Long.MAX_VALUE);

      assertThat(counts(harness)).containsExactly("acme started 0=1", "1=1");
      assertThat(harness.getSideOutput(LATE))
          .extracting(record -> record.getValue().id())
          .containsExactly("late");
    }
  }

  @Test
  @DisplayName("minutes before 1970 are floored: an event is counted in its own minute")
  void beforeEpoch() throws Exception {
    try (var harness = harness()) {
      harness.processElement(event("a", 0, -90_000), 0);
      harness.processWatermark(Long.MAX_VALUE);

      assertThat(windows(harness)).containsExactly(List.of(-120_000L, -60_000L));
    }
  }

  @Test
  @DisplayName("ids, open minutes and timers survive a snapshot and restore")
  void restore() throws Exception {
    OperatorSubtaskState snapshot;
    try (var harness = harness()) {
      harness.setProcessingTime(1_000);
      harness.processElement(event("e1", 0), 0);
      harness.processElement(event("e2", 0), 0);
      snapshot = harness.snapshot(1, 1);
    }
    try (var restored =
        new KeyedOneInputStreamOperatorTestHarness<>(
            new KeyedProcessOperator<>(function()), TenantType::of, TenantType.TYPE)) {
      restored.initializeState(snapshot);
      restored.open();
      assertThat(restored.numProcessingTimeTimers()).isOne();
      assertThat(restored.numEventTimeTimers()).isOne();
      restored.setProcessingTime(2_000);
      restored.processElement(event("e1", 0), 0);
      restored.processElement(event("e3", 0), 0);
      restored.processWatermark(Long.MAX_VALUE);
      assertThat(counts(restored)).containsExactly("acme started 0=3");
      assertThat(restored.numProcessingTimeTimers()).isOne();

      restored.setProcessingTime(3 * HORIZON.toMillis());
      assertThat(remembered(restored)).isEmpty();
    }
  }

  private static KeyedOneInputStreamOperatorTestHarness<TenantType, CloudEvent, WindowCount>
      harness() throws Exception {
    return ProcessFunctionTestHarnesses.forKeyedProcessFunction(
        function(), TenantType::of, TenantType.TYPE);
  }

  private static CountDistinctPerMinute function() {
    return new CountDistinctPerMinute(HORIZON, Duration.ofMillis(MINUTE), LATE);
  }

  private static CloudEvent event(String id, int minute) {
    return event(id, minute, 0);
  }

  private static CloudEvent event(String id, int minute, long millis) {
    return new CloudEvent(id, "/s", ACME.type(), minute * MINUTE + millis, ACME.tenant());
  }

  /** "tenant type minute=count" for the first, "minute=count" for the rest when of the same key. */
  private static List<String> counts(
      KeyedOneInputStreamOperatorTestHarness<TenantType, CloudEvent, WindowCount> harness) {
    List<String> lines = new ArrayList<>();
    String previous = null;
    for (WindowCount count : harness.extractOutputValues()) {
      String key = count.tenant() + " " + count.type();
      String minute = (count.windowStart() / MINUTE) + "=" + count.count();
      lines.add(key.equals(previous) ? minute : key + " " + minute);
      previous = key;
    }
    return lines;
  }

  private static List<List<Long>> windows(
      KeyedOneInputStreamOperatorTestHarness<TenantType, CloudEvent, WindowCount> harness) {
    return harness.extractOutputValues().stream()
        .map(count -> List.of(count.windowStart(), count.windowEnd()))
        .toList();
  }

  private static List<String> remembered(
      KeyedOneInputStreamOperatorTestHarness<TenantType, CloudEvent, WindowCount> harness)
      throws Exception {
    KeyedStateBackend<TenantType> backend = harness.getOperator().getKeyedStateBackend();
    backend.setCurrentKey(ACME);
    MapState<String, Long> state =
        backend.getPartitionedState(
            VoidNamespace.INSTANCE,
            VoidNamespaceSerializer.INSTANCE,
            CountDistinctPerMinute.FIRST_SEEN);
    List<String> ids = new ArrayList<>();
    state.keys().forEach(ids::add);
    return ids;
  }
}
