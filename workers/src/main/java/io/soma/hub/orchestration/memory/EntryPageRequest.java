package io.soma.hub.orchestration.memory;

/** One page of a campaign's memory entries, in key order after {@code afterKey}. */
public record EntryPageRequest(
    String tenant, String campaign, boolean force, String afterKey, int limit) {}
