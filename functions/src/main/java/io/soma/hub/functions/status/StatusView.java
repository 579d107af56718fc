package io.soma.hub.functions.status;

/** Output of {@code status}: which service and revision answered, for which tenant. */
public record StatusView(
    String service,
    String state,
    String tenant,
    String version,
    String kService,
    String kRevision) {}
