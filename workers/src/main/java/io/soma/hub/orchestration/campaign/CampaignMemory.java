package io.soma.hub.orchestration.campaign;

import java.util.List;
import java.util.Map;

/**
 * What the campaign's {@code memory_gateway.*} tasks use: remember an entry, retrieve earlier ones.
 */
public interface CampaignMemory {

  /**
   * Remembers {@code value} under {@code key} for the campaign; idempotent per campaign, module and
   * key.
   */
  void remember(ModuleInput owner, String key, String value, Map<String, Object> metadata);

  /** Earlier entries of the same tenant (other campaigns) matching the query, best first. */
  List<Map<String, Object>> retrieve(ModuleInput owner, String query, int limit);
}
