package io.soma.hub.orchestration.campaign;

import java.util.List;
import java.util.Map;

/**
 * How a campaign ended.
 *
 * @param status {@code completed}, {@code rejected}, {@code timed_out} or {@code failed}
 * @param outputs each completed module's outputs by module id
 * @param compensated the modules whose compensation ran, in the order it ran
 */
public record CampaignResult(
    String campaignId,
    String status,
    Map<String, Map<String, Object>> outputs,
    List<String> compensated,
    String failure) {}
