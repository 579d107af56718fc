package io.soma.hub.orchestration.memory;

/** One page of a campaign's artifacts to remember, after the (module, name) cursor. */
public record ArtifactPageRequest(
    String tenant,
    String campaign,
    boolean force,
    String afterModule,
    String afterName,
    int limit) {}
