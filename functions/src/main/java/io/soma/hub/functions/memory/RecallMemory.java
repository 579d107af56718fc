package io.soma.hub.functions.memory;

import io.soma.hub.functions.errors.NotFoundException;
import io.soma.hub.store.memory.MemoryStore;
import java.util.function.Function;

/** {@code recallMemory}: the caller's entry; another tenant's key reads as not found. */
public class RecallMemory implements Function<RecallLookup, MemoryView> {

  private final MemoryStore store;

  public RecallMemory(MemoryStore store) {
    this.store = store;
  }

  @Override
  public MemoryView apply(RecallLookup lookup) {
    String key = KeyRules.check(lookup.key());
    return StoreCalls.guarded(() -> store.recall(lookup.caller().tenant(), key))
        .map(entry -> MemoryView.of(entry, false))
        .orElseThrow(() -> new NotFoundException("no memory entry " + key));
  }
}
