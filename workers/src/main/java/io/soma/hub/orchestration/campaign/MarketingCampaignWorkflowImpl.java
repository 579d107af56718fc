package io.soma.hub.orchestration.campaign;

import io.soma.hub.orchestration.UpdateRejection;
import io.soma.hub.orchestration.events.HubEventTypes;
import io.soma.hub.orchestration.events.WorkflowEvents;
import io.temporal.activity.ActivityOptions;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.failure.TemporalFailure;
import io.temporal.workflow.Async;
import io.temporal.workflow.Promise;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.slf4j.Logger;

/**
 * Runs a campaign plan as a DAG: every module whose dependencies are done starts at once
 * (independent modules run in parallel), review_approval waits for the approval decision, and when
 * a module fails for good or the campaign is rejected or times out, the modules already running are
 * let finish and the completed ones are compensated in reverse order of completion.
 */
public class MarketingCampaignWorkflowImpl implements MarketingCampaignWorkflow {

  static final Duration DEFAULT_APPROVAL_TIMEOUT = Duration.ofHours(24);

  private static final Logger log = Workflow.getLogger(MarketingCampaignWorkflowImpl.class);

  private final CampaignActivities activities;
  private final CompensationActivities compensations;
  private final CampaignState state = new CampaignState();
  private final boolean eventsEnabled;
  private WorkflowEvents events;
  private ApprovalDecision decision;
  private Duration approvalTimeout = DEFAULT_APPROVAL_TIMEOUT;

  /** For workers whose tool and model calls have the default timeouts, without events. */
  public MarketingCampaignWorkflowImpl() {
    this(
        CampaignActivityOptions.DEFAULT_TOOL_CALL_TIMEOUT,
        CampaignActivityOptions.DEFAULT_MODEL_CALL_TIMEOUT,
        false);
  }

  /**
   * @param toolCall the longest one tool call can take on this worker
   * @param modelCall the longest one model call can take on this worker
   * @param eventsEnabled whether this worker publishes events (see {@link WorkflowEvents})
   */
  public MarketingCampaignWorkflowImpl(
      Duration toolCall, Duration modelCall, boolean eventsEnabled) {
    this.eventsEnabled = eventsEnabled;
    ActivityOptions generic = CampaignActivityOptions.genericModule(toolCall, modelCall);
    activities =
        Workflow.newActivityStub(
            CampaignActivities.class,
            generic,
            CampaignActivityOptions.modules(toolCall, modelCall));
    compensations =
        Workflow.newActivityStub(
            CompensationActivities.class,
            CampaignActivityOptions.compensation(toolCall, Duration.ofSeconds(2)),
            CampaignActivityOptions.compensations(toolCall));
  }

  @Override
  public CampaignResult run(CampaignRequest request) {
    events = WorkflowEvents.start(eventsEnabled);
    CampaignPlan plan = request.plan();
    try {
      CampaignDag.check(plan);
    } catch (ApplicationFailure invalid) {
      state.phase(CampaignState.FAILED);
      throw invalid;
    }
    // Without review_approval in the plan there is nothing to wait in, whatever approval_required
    // says.
    boolean approvalGate =
        plan.approvalRequired()
            && plan.modules().stream().anyMatch(m -> m.id().equals(CampaignModules.REVIEW));
    state.start(request.campaignId(), plan.campaignName(), plan.modules(), approvalGate);
    approvalTimeout = approvalTimeout(request);
    log.info(
        "Campaign {} ({}) of tenant {} started with {} module(s)",
        request.campaignId(),
        plan.campaignName(),
        request.tenant(),
        plan.modules().size());
    publish(
        HubEventTypes.CAMPAIGN_STARTED,
        request.campaignId(),
        request.tenant(),
        plan.campaignName());

    String failedModule = runModules(request, approvalGate);

    String approvalState = state.approval().state();
    if (failedModule != null) {
      compensate(request, "module " + failedModule + " failed");
      state.phase(CampaignState.FAILED);
      String error =
          state.progress().modules().stream()
              .filter(m -> m.id().equals(failedModule))
              .findFirst()
              .map(CampaignProgress.ModuleProgress::error)
              .orElse("");
      throw ApplicationFailure.newNonRetryableFailure(
          "Campaign "
              + request.campaignId()
              + " failed in module "
              + failedModule
              + ": "
              + error
              + "; compensated "
              + state.compensated(),
          CampaignFailures.CAMPAIGN_FAILED,
          failedModule,
          state.compensated());
    }
    if (approvalState.equals(CampaignState.REJECTED)
        || approvalState.equals(CampaignState.TIMED_OUT)) {
      compensate(
          request,
          approvalState.equals(CampaignState.REJECTED)
              ? "campaign rejected"
              : "approval timed out");
      state.phase(approvalState);
      String why =
          approvalState.equals(CampaignState.REJECTED)
              ? "rejected by "
                  + state.approval().decidedBy()
                  + (state.approval().comment() == null ? "" : ": " + state.approval().comment())
              : "no approval decision within " + approvalTimeout.toSeconds() + " s";
      return new CampaignResult(
          request.campaignId(), approvalState, state.outputs(), state.compensated(), why);
    }
    state.phase(CampaignState.COMPLETED);
    publish(
        HubEventTypes.CAMPAIGN_COMPLETED,
        request.campaignId(),
        request.tenant(),
        request.plan().campaignName());
    log.info("Campaign {} completed", request.campaignId());
    return new CampaignResult(
        request.campaignId(), CampaignState.COMPLETED, state.outputs(), List.of(), null);
  }

  /**
   * Returns the module that failed for good, or null. Modules that were never started stay pending.
   */
  private String runModules(CampaignRequest request, boolean approvalGate) {
    List<PlanModule> planned = request.plan().modules();
    Set<String> plannedIds =
        planned.stream().map(PlanModule::id).collect(Collectors.toCollection(LinkedHashSet::new));
    Map<String, Promise<Map<String, Object>>> running = new LinkedHashMap<>();
    String failedModule = null;
    while (true) {
      if (failedModule == null && !stopped()) {
        startReadyModules(request, approvalGate, planned, plannedIds, running);
      }
      if (running.isEmpty()) {
        return failedModule;
      }
      Workflow.await(() -> running.values().stream().anyMatch(Promise::isCompleted));
      for (String module : new ArrayList<>(running.keySet())) {
        Promise<Map<String, Object>> promise = running.get(module);
        if (!promise.isCompleted()) {
          continue;
        }
        running.remove(module);
        RuntimeException failure = promise.getFailure();
        if (failure == null) {
          state.completed(module, promise.get());
        } else {
          state.mark(module, CampaignState.FAILED, describe(failure));
          log.warn(
              "Campaign {}: module {} failed: {}", request.campaignId(), module, describe(failure));
          failedModule = failedModule == null ? module : failedModule;
        }
      }
    }
  }

  private void startReadyModules(
      CampaignRequest request,
      boolean approvalGate,
      List<PlanModule> planned,
      Set<String> plannedIds,
      Map<String, Promise<Map<String, Object>>> running) {
    boolean skippedSome;
    do {
      skippedSome = false;
      Set<String> finished =
          planned.stream().map(PlanModule::id).filter(state::finished).collect(Collectors.toSet());
      for (PlanModule module : planned) {
        if (!state.status(module.id()).equals(CampaignState.PENDING)
            || !CampaignDag.dependenciesMet(module, plannedIds, finished)) {
          continue;
        }
        if (module.id().equals(CampaignModules.REVIEW) && !approvalGate) {
          state.mark(module.id(), CampaignState.SKIPPED, null);
          skippedSome = true;
          continue;
        }
        state.mark(module.id(), CampaignState.RUNNING, null);
        running.put(module.id(), start(request, module));
      }
    } while (skippedSome);
  }

  private Promise<Map<String, Object>> start(CampaignRequest request, PlanModule module) {
    return switch (module.id()) {
      case CampaignModules.CONTENT ->
          Async.function(activities::createContent, input(request, module, Map.of()));
      case CampaignModules.DESIGN ->
          Async.function(activities::designAssets, input(request, module, Map.of()));
      case CampaignModules.REVIEW ->
          Async.function(this::reviewAndAwaitApproval, input(request, module, Map.of()));
      case CampaignModules.DISTRIBUTION ->
          Async.function(activities::distribute, input(request, module, state.freezeContent()));
      case CampaignModules.ANALYTICS ->
          Async.function(activities::trackAnalytics, input(request, module, Map.of()));
      default -> Async.function(activities::runTasks, input(request, module, Map.of()));
    };
  }

  /**
   * The review tasks, then the wait for a decision. The module counts as completed either way: its
   * PR is open.
   */
  private Map<String, Object> reviewAndAwaitApproval(ModuleInput input) {
    Map<String, Object> outputs = activities.requestReview(input);
    state.phase(CampaignState.AWAITING_APPROVAL);
    state.approval(CampaignState.WAITING, null, null);
    boolean decided = Workflow.await(approvalTimeout, () -> decision != null);
    state.phase(CampaignState.RUNNING);
    Map<String, Object> withDecision = new LinkedHashMap<>(outputs);
    if (!decided) {
      state.approval(CampaignState.TIMED_OUT, null, null);
      withDecision.put("approval", CampaignState.TIMED_OUT);
    } else {
      String outcome = decision.outcome();
      state.approval(outcome, decision.comment(), decision.decidedBy());
      publish(
          decision.approved() ? HubEventTypes.CAMPAIGN_APPROVED : HubEventTypes.CAMPAIGN_REJECTED,
          input.campaignId(),
          input.tenant(),
          input.campaignName());
      withDecision.put("approval", outcome);
      withDecision.put("decided_by", decision.decidedBy());
    }
    return withDecision;
  }

  private void publish(String type, String campaignId, String tenant, String campaignName) {
    events.publish(
        type,
        campaignId,
        tenant,
        Map.of("campaign_id", campaignId, "campaign_name", String.valueOf(campaignName)));
  }

  private Duration approvalTimeout(CampaignRequest request) {
    return request.approvalTimeoutSeconds() > 0
        ? Duration.ofSeconds(request.approvalTimeoutSeconds())
        : DEFAULT_APPROVAL_TIMEOUT;
  }

  private boolean stopped() {
    String approval = state.approval().state();
    return approval.equals(CampaignState.REJECTED) || approval.equals(CampaignState.TIMED_OUT);
  }

  private ModuleInput input(
      CampaignRequest request, PlanModule module, Map<String, String> overrides) {
    CampaignPlan plan = request.plan();
    return new ModuleInput(
        request.campaignId(),
        request.tenant(),
        request.subject(),
        plan.campaignName(),
        plan.launchDate(),
        plan.channels(),
        plan.answers(),
        module,
        state.outputs(),
        overrides);
  }

  /**
   * Compensates completed modules in reverse order of completion; one failing compensation does not
   * stop the rest.
   */
  private void compensate(CampaignRequest request, String reason) {
    List<String> order = new ArrayList<>(state.completionOrder());
    if (order.isEmpty()) {
      return;
    }
    Collections.reverse(order);
    state.phase(CampaignState.COMPENSATING);
    Map<String, Map<String, Object>> outputs = state.outputs();
    for (String module : order) {
      CompensationInput input =
          new CompensationInput(
              request.campaignId(),
              request.tenant(),
              request.plan().campaignName(),
              module,
              outputs.get(module),
              reason);
      try {
        compensation(module).apply(input);
        state.compensated(module);
      } catch (ActivityFailure failure) {
        state.mark(module, CampaignState.COMPENSATION_FAILED, describe(failure));
        log.error(
            "Campaign {}: compensation of {} failed: {}",
            request.campaignId(),
            module,
            describe(failure));
      }
    }
  }

  private Function<CompensationInput, Map<String, Object>> compensation(String module) {
    return switch (module) {
      case CampaignModules.CONTENT -> compensations::deleteContentDrafts;
      case CampaignModules.DESIGN -> compensations::deleteDesignAssets;
      case CampaignModules.REVIEW -> compensations::closeReview;
      case CampaignModules.DISTRIBUTION -> compensations::retractDistribution;
      case CampaignModules.ANALYTICS -> compensations::archiveAnalytics;
      default -> compensations::undoTasks;
    };
  }

  @Override
  public void validateDecide(ApprovalDecision decision) {
    requireOpen();
  }

  /**
   * Takes the decision at once, without blocking: the validator of a concurrent decision runs only
   * after this returns, so it sees the decision taken. The review module then records it in the
   * approval state.
   */
  @Override
  public ApprovalDecision decide(ApprovalDecision decision) {
    try {
      // The validator has passed it; a replay skips validators, so check again and fail the update,
      // not the task.
      requireOpen();
    } catch (UpdateRejection refused) {
      throw refused.failure();
    }
    this.decision = decision;
    return decision;
  }

  /**
   * Only what older gateways send; the first decision counts, whether it came as this signal or as
   * the update.
   */
  @Override
  public void approval(ApprovalDecision decision) {
    try {
      requireOpen();
    } catch (UpdateRejection refused) {
      log.info("Campaign approval signal ignored: {}", refused.getMessage());
      return;
    }
    this.decision = decision;
  }

  private void requireOpen() {
    if (state.campaignId() == null) {
      // An update or signal can come before run() has read its request: the campaign does not wait
      // yet.
      CampaignDecisions.requireOpen(
          CampaignIds.ofWorkflow(Workflow.getInfo().getWorkflowId()),
          decision,
          CampaignState.PENDING);
    }
    CampaignDecisions.requireOpen(state.campaignId(), decision, state.approval().state());
  }

  @Override
  public void updateContent(ContentUpdate update) {
    if (update == null
        || update.contentId() == null
        || update.contentId().isBlank()
        || update.newContent() == null) {
      log.info("Campaign content update ignored: it names no content piece or has no content");
      return;
    }
    if (!state.override(update)) {
      log.info(
          "Campaign content update of {} ignored: distribution has started", update.contentId());
    }
  }

  @Override
  public CampaignProgress progress() {
    return state.progress();
  }

  private static String describe(Throwable failure) {
    Throwable cause = failure;
    while (cause instanceof TemporalFailure
        && !(cause instanceof ApplicationFailure)
        && cause.getCause() != null) {
      cause = cause.getCause();
    }
    return cause instanceof ApplicationFailure application
        ? application.getOriginalMessage()
        : String.valueOf(cause.getMessage());
  }
}
