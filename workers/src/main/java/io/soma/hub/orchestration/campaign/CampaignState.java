package io.soma.hub.orchestration.campaign;

import io.soma.hub.orchestration.campaign.CampaignProgress.ApprovalState;
import io.soma.hub.orchestration.campaign.CampaignProgress.ModuleProgress;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the workflow knows about its campaign, and what the progress query shows. Workflow-thread
 * only; every map is ordered, so the same history always gives the same state.
 */
final class CampaignState {

  static final String RUNNING = "running";
  static final String AWAITING_APPROVAL = "awaiting_approval";
  static final String COMPENSATING = "compensating";
  static final String COMPLETED = "completed";
  static final String REJECTED = ApprovalState.REJECTED;
  static final String TIMED_OUT = "timed_out";
  static final String FAILED = "failed";

  static final String PENDING = "pending";
  static final String SKIPPED = "skipped";
  static final String COMPENSATED = "compensated";
  static final String COMPENSATION_FAILED = "compensation_failed";

  static final String NOT_REQUIRED = "not_required";
  static final String WAITING = ApprovalState.WAITING;
  static final String APPROVED = ApprovalState.APPROVED;

  private String campaignId;
  private String campaignName;
  private String phase = RUNNING;
  private final Map<String, ModuleProgress> modules = new LinkedHashMap<>();
  private ApprovalState approval = new ApprovalState(false, NOT_REQUIRED, null, null);
  private final Map<String, String> contentOverrides = new LinkedHashMap<>();
  private int contentUpdates;
  private boolean contentFrozen;
  private final List<String> completionOrder = new ArrayList<>();
  private final Map<String, Map<String, Object>> outputs = new LinkedHashMap<>();
  private final List<String> compensated = new ArrayList<>();

  void start(
      String campaignId, String campaignName, List<PlanModule> planned, boolean approvalRequired) {
    this.campaignId = campaignId;
    this.campaignName = campaignName;
    planned.forEach(
        module -> modules.put(module.id(), new ModuleProgress(module.id(), PENDING, null)));
    approval =
        new ApprovalState(approvalRequired, approvalRequired ? PENDING : NOT_REQUIRED, null, null);
  }

  String campaignId() {
    return campaignId;
  }

  String status(String module) {
    return modules.get(module).status();
  }

  void mark(String module, String status, String error) {
    modules.put(module, new ModuleProgress(module, status, error));
  }

  void completed(String module, Map<String, Object> moduleOutputs) {
    mark(module, COMPLETED, null);
    completionOrder.add(module);
    outputs.put(module, moduleOutputs);
  }

  /** The modules whose work is done: what later modules may build on. */
  boolean finished(String module) {
    String status = status(module);
    return status.equals(COMPLETED) || status.equals(SKIPPED);
  }

  void phase(String phase) {
    this.phase = phase;
  }

  String phase() {
    return phase;
  }

  void approval(String state, String comment, String decidedBy) {
    approval = new ApprovalState(approval.required(), state, comment, decidedBy);
  }

  ApprovalState approval() {
    return approval;
  }

  /** Returns false once distribution has started: the content is final then. */
  boolean override(ContentUpdate update) {
    if (contentFrozen) {
      return false;
    }
    contentOverrides.put(update.contentId(), update.newContent());
    contentUpdates++;
    return true;
  }

  Map<String, String> freezeContent() {
    contentFrozen = true;
    return Collections.unmodifiableMap(new LinkedHashMap<>(contentOverrides));
  }

  List<String> completionOrder() {
    return List.copyOf(completionOrder);
  }

  Map<String, Map<String, Object>> outputs() {
    return new LinkedHashMap<>(outputs);
  }

  void compensated(String module) {
    mark(module, COMPENSATED, null);
    compensated.add(module);
  }

  List<String> compensated() {
    return List.copyOf(compensated);
  }

  CampaignProgress progress() {
    long done =
        modules.values().stream()
            .filter(m -> m.status().equals(COMPLETED) || m.status().equals(SKIPPED))
            .count();
    int percentage =
        modules.isEmpty()
            ? (phase.equals(COMPLETED) ? 100 : 0)
            : (int) (done * 100 / modules.size());
    return new CampaignProgress(
        campaignId,
        campaignName,
        phase,
        percentage,
        List.copyOf(modules.values()),
        approval,
        contentUpdates,
        List.copyOf(compensated));
  }
}
