package io.soma.hub.flink.topology;

import static org.assertj.core.api.Assertions.assertThat;

import io.soma.hub.flink.events.CloudEvent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.runtime.state.KeyedStateBackend;
import org.apache.flink.runtime.state.VoidNamespace;
import org.apache.flink.runtime.state.VoidNamespaceSerializer;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The de-duplication on its own, with processing time in the test's hand: the horizon and the
 * sweeps.
 */
@DisplayName("DeduplicateById drops copies of an id within the horizon, per tenant and type")
class DeduplicateByIdTest {

  private static final Duration HORIZON = Duration.ofMinutes(60);
  private static final long MINUTE = 60_000;
  private static final TenantType ACME = new TenantType("acme", "started");

  @Test
  @DisplayName("a copy within the horizon is dropped and counted; after it, the id passes again")
  void horizon() throws Exception {
    try (var harness = harness()) {
      harness.setProcessingTime(1_000);
      harness.processElement(event("e1"), 0);
      harness.setProcessingTime(1_000 + 59 * MINUTE);
      harness.processElement(event("e1"), 0);
      harness.processElement(event("e2"), 0);
      harness.setProcessingTime(1_000 + 60 * MINUTE - 1);
      harness.processElement(event("e1"), 0);
      harness.setProcessingTime(1_000 + 60 * MINUTE);
      harness.processElement(event("e1"), 0);

      assertThat(ids(harness)).containsExactly("e1", "e2", "e1");
    }
  }

  @Test
  @DisplayName(
      "ids are remembered per tenant and type: the same id under another pair is another key's")
  void perKey() throws Exception {
    try (var harness = harness()) {
      harness.processElement(event("e1"), 0);
      harness.processElement(new CloudEvent("e1", "/s", "completed", 0, "acme"), 0);
      harness.processElement(event("e1"), 0);

      assertThat(ids(harness)).containsExactly("e1", "e1");
    }
  }

  @Test
  @DisplayName(
      "sweeps remove expired ids, keep the others, and a key holds a handful of timers, not one per event")
  void sweeps() throws Exception {
    try (var harness = harness()) {
      for (int i = 0; i < 1_000; i++) {
        harness.setProcessingTime(i * 100L);
        harness.processElement(event("old-" + i), 0);
      }
      assertThat(harness.numProcessingTimeTimers()).isLessThanOrEqualTo(2);
      harness.setProcessingTime(50 * MINUTE);
      harness.processElement(event("new"), 0);
      assertThat(harness.numProcessingTimeTimers()).isLessThanOrEqualTo(3);

      // Past the horizon of every old id and past the sweep after it: only "new" is left.
      harness.setProcessingTime(90 * MINUTE);
      assertThat(remembered(harness)).containsExactly("new");
      harness.setProcessingTime(130 * MINUTE);
      assertThat(remembered(harness)).isEmpty();
      assertThat(harness.numProcessingTimeTimers()).isZero();

      // A key whose sweeps all fired registers the next one again.
      harness.processElement(event("later"), 0);
      assertThat(harness.numProcessingTimeTimers()).isOne();
    }
  }

  @Test
  @DisplayName("ids and sweeps survive a snapshot and restore; the restored sweep still fires")
  void restore() throws Exception {
    OperatorSubtaskState snapshot;
    try (var harness = harness()) {
      harness.setProcessingTime(1_000);
      harness.processElement(event("e1"), 0);
      snapshot = harness.snapshot(1, 1);
    }
    try (var restored =
        new KeyedOneInputStreamOperatorTestHarness<>(
            new KeyedProcessOperator<>(new DeduplicateById(HORIZON)),
            TenantType::of,
            TenantType.TYPE)) {
      restored.initializeState(snapshot);
      restored.open();
      assertThat(restored.numProcessingTimeTimers()).isOne();
      restored.setProcessingTime(2_000);
      restored.processElement(event("e1"), 0);
      restored.processElement(event("e2"), 0);
      assertThat(ids(restored)).containsExactly("e2");
      assertThat(restored.numProcessingTimeTimers()).isOne();

      restored.setProcessingTime(3 * HORIZON.toMillis());
      assertThat(remembered(restored)).isEmpty();
      assertThat(restored.numProcessingTimeTimers()).isZero();
    }
  }

  private static KeyedOneInputStreamOperatorTestHarness<TenantType, CloudEvent, CloudEvent>
      harness() throws Exception {
    return ProcessFunctionTestHarnesses.forKeyedProcessFunction(
        new DeduplicateById(HORIZON), TenantType::of, TenantType.TYPE);
  }

  private static CloudEvent event(String id) {
    return new CloudEvent(id, "/s", ACME.type(), 0, ACME.tenant());
  }

  private static List<String> ids(
      KeyedOneInputStreamOperatorTestHarness<TenantType, CloudEvent, CloudEvent> harness) {
    return harness.extractOutputValues().stream().map(CloudEvent::id).toList();
  }

  private static List<String> remembered(
      KeyedOneInputStreamOperatorTestHarness<TenantType, CloudEvent, CloudEvent> harness)
      throws Exception {
    KeyedStateBackend<TenantType> backend = harness.getOperator().getKeyedStateBackend();
    backend.setCurrentKey(ACME);
    MapState<String, Long> state =
        backend.getPartitionedState(
            VoidNamespace.INSTANCE, VoidNamespaceSerializer.INSTANCE, DeduplicateById.FIRST_SEEN);
    List<String> ids = new ArrayList<>();
    state.keys().forEach(ids::add);
    return ids;
  }
}
