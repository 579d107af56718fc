package io.soma.hub.functions.memory;

import io.soma.hub.orchestration.memory.MemoryRefreshRequest;
import java.util.function.Function;

/**
 * {@code refreshMemory}: starts (or finds again) the memory refresh of one of the caller's
 * campaigns.
 */
public class RefreshMemory implements Function<RefreshCommand, RefreshAccepted> {

  private final MemoryRefreshStarter starter;

  public RefreshMemory(MemoryRefreshStarter starter) {
    this.starter = starter;
  }

  @Override
  public RefreshAccepted apply(RefreshCommand command) {
    MemoryRefreshRequest request =
        new MemoryRefreshRequest(
            command.caller().tenant(),
            command.body().campaign(),
            command.body().force(),
            command.caller().subject());
    return starter.start(request, command.idempotencyKey());
  }
}
