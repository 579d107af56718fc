package io.soma.hub.flink.topology;

/** The key of a count: one series per tenant and event type. */
public record TenantType(String tenant, String type) {}
