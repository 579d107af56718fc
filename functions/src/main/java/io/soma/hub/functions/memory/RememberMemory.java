package io.soma.hub.functions.memory;

import io.soma.hub.store.memory.MemorySearch;
import io.soma.hub.store.memory.MemoryStore;
import java.util.function.Function;

/**
 * {@code rememberMemory}: creates or replaces the caller's entry, indexes it, and embeds it when it
 * can.
 */
public class RememberMemory implements Function<RememberCommand, MemoryView> {

  private final MemoryStore store;
  private final MemorySearch search;

  public RememberMemory(MemoryStore store, MemorySearch search) {
    this.store = store;
    this.search = search;
  }

  @Override
  public MemoryView apply(RememberCommand command) {
    String tenant = command.caller().tenant();
    RememberBody body = command.body();
    MemoryStore.Remembered remembered =
        StoreCalls.guarded(
            () -> store.remember(tenant, body.key(), body.valueJson(), body.metadata()));
    search.embedQuietly(tenant, remembered);
    return MemoryView.of(remembered.entry(), remembered.created());
  }
}
