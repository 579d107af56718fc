package io.soma.hub.functions.memory;

import io.soma.hub.store.memory.MemorySearch;
import java.util.function.Function;

/**
 * {@code searchMemory}: the caller's entries ranked against the query; no other tenant's entry is
 * ever searched.
 */
public class SearchMemory implements Function<SearchCommand, SearchView> {

  private final MemorySearch search;

  public SearchMemory(MemorySearch search) {
    this.search = search;
  }

  @Override
  public SearchView apply(SearchCommand command) {
    SearchBody body = command.body();
    return SearchView.of(
        StoreCalls.guarded(
            () -> search.search(command.caller().tenant(), body.query(), body.limit())));
  }
}
