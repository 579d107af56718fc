package io.soma.hub.orchestration.memory;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * Workflow ids of memory refreshes, derived so that Temporal itself deduplicates starts. With an
 * Idempotency-Key (Airflow sends its run id) the id is a UUIDv3 of tenant, campaign and key: the
 * same triple is always the same workflow. Without one it is a UUIDv3 of tenant and campaign: a
 * running refresh of that campaign is joined, and a new one starts once it has closed.
 */
public final class MemoryRefreshIds {

  private static final String PREFIX = "memory-refresh-";

  private MemoryRefreshIds() {}

  public static String forIdempotencyKey(String tenant, String campaign, String idempotencyKey) {
    return PREFIX
        + uuid("soma-memory-refresh\n" + tenant + "\n" + campaign + "\n" + idempotencyKey);
  }

  public static String forCampaign(String tenant, String campaign) {
    return PREFIX + "campaign-" + uuid("soma-memory-refresh-campaign\n" + tenant + "\n" + campaign);
  }

  private static String uuid(String material) {
    return UUID.nameUUIDFromBytes(material.getBytes(StandardCharsets.UTF_8)).toString();
  }
}
