package io.soma.hub.orchestration.memory;

/** Writes the campaign's summary entry, {@code campaign:<name>}, with its artifact index. */
public record CampaignSummaryRequest(String tenant, String campaign, boolean force) {}
