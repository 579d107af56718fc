package io.soma.hub.orchestration.campaign;

import java.util.List;

/**
 * What the progress query answers, and what {@code GET /v1/campaigns/{id}} shows.
 *
 * @param phase {@code running}, {@code awaiting_approval}, {@code compensating}, {@code completed},
 *     {@code rejected}, {@code timed_out} or {@code failed}
 * @param compensated the modules whose compensation ran, in the order it ran
 */
public record CampaignProgress(
    String campaignId,
    String campaignName,
    String phase,
    int percentage,
    List<ModuleProgress> modules,
    ApprovalState approval,
    int contentUpdates,
    List<String> compensated) {

  /**
   * @param status {@code pending}, {@code running}, {@code completed}, {@code skipped}, {@code
   *     failed}, {@code compensated} or {@code compensation_failed}
   */
  public record ModuleProgress(String id, String status, String error) {}

  /**
   * @param state {@code not_required}, {@code pending} (not reached yet), {@code waiting}, {@code
   *     approved}, {@code rejected} or {@code timed_out}
   */
  public record ApprovalState(boolean required, String state, String comment, String decidedBy) {

    public static final String WAITING = "waiting";
    public static final String APPROVED = "approved";
    public static final String REJECTED = "rejected";
  }
}
