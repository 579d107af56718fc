package io.soma.hub.orchestration.session;

import io.soma.hub.orchestration.events.HubEventTypes;
import io.soma.hub.orchestration.events.WorkflowEvents;
import io.soma.hub.orchestration.model.ModelReply;
import io.soma.hub.orchestration.policy.PolicyDecision;
import io.soma.hub.orchestration.session.SessionStep.Status;
import io.soma.hub.orchestration.token.TokenGrant;
import io.temporal.failure.ApplicationFailure;
import io.temporal.failure.CanceledFailure;
import io.temporal.failure.TemporalFailure;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.slf4j.Logger;

public class SessionWorkflowImpl implements SessionWorkflow {

  private static final Logger log = Workflow.getLogger(SessionWorkflowImpl.class);

  private final SessionActivities activities;
  private final boolean eventsEnabled;
  private final List<SessionStep> steps = new ArrayList<>(SessionStep.plan());

  /** For workers whose model provider has the default timeouts, without events. */
  public SessionWorkflowImpl() {
    this(SessionActivityOptions.DEFAULT_MODEL_PROVIDER_TIMEOUT, false);
  }

  /**
   * @param modelProviderTimeout the longest this worker's provider call can take, from which the completion's
   *     activity timeouts are derived; timeouts are not part of what replay compares, so workers may differ
   * @param eventsEnabled whether this worker publishes events (see {@link WorkflowEvents})
   */
  public SessionWorkflowImpl(Duration modelProviderTimeout, boolean eventsEnabled) {
    this.eventsEnabled = eventsEnabled;
    activities =
        Workflow.newActivityStub(
            SessionActivities.class,
            SessionActivityOptions.AUDIT,
            SessionActivityOptions.byActivity(modelProviderTimeout));
  }

  @Override
  public SessionResult run(SessionRequest request) {
    WorkflowEvents events = WorkflowEvents.start(eventsEnabled);
    try {
      SessionResult result = runSteps(request);
      events.publish(HubEventTypes.SESSION_COMPLETED, request.sessionId(), request.tenant(),
          Map.of("session_id", request.sessionId(), "provider", String.valueOf(result.provider()),
              "model", String.valueOf(result.model())));
      return result;
    } catch (TemporalFailure failure) {
      if (!(failure instanceof CanceledFailure)) {
        events.publish(HubEventTypes.SESSION_FAILED, request.sessionId(), request.tenant(),
            Map.of("session_id", request.sessionId(), "reason", WorkflowEvents.reason(failure)));
      }
      throw failure;
    }
  }

  private SessionResult runSteps(SessionRequest request) {
    log.info("Session {} of tenant {} started", request.sessionId(), request.tenant());

    PolicyDecision decision = attempt(SessionStep.POLICY, () -> activities.evaluatePolicy(request));
    if (!decision.allowed()) {
      mark(SessionStep.POLICY, Status.FAILED);
      throw rejected(request, decision);
    }
    mark(SessionStep.POLICY, Status.COMPLETED);

    TokenGrant grant = step(SessionStep.SCOPED_TOKEN, () -> activities.issueScopedToken(request));
    ModelReply reply =
        step(
            SessionStep.MODEL_COMPLETION,
            () -> activities.complete(new CompletionRequest(request.sessionId(), request.tenant(), request.prompt())));
    String auditEventId =
        step(SessionStep.AUDIT, () -> activities.emitAuditEvent(AuditEvent.completed(request, grant, reply)));

    log.info("Session {} completed by {} ({})", request.sessionId(), reply.provider(), reply.model());
    return new SessionResult(
        request.sessionId(), reply.reply(), reply.model(), reply.provider(), auditEventId, List.copyOf(steps));
  }

  @Override
  public List<SessionStep> steps() {
    return List.copyOf(steps);
  }

  private ApplicationFailure rejected(SessionRequest request, PolicyDecision decision) {
    step(SessionStep.AUDIT, () -> activities.emitAuditEvent(AuditEvent.rejected(request, decision)));
    log.info("Session {} denied by policy: {}", request.sessionId(), decision.reasons());
    return ApplicationFailure.newNonRetryableFailure(
        "Session denied by policy: " + String.join("; ", decision.reasons()),
        SessionFailures.POLICY_DENIED,
        decision.reasons());
  }

  private <T> T step(String name, Supplier<T> activity) {
    T result = attempt(name, activity);
    mark(name, Status.COMPLETED);
    return result;
  }

  /** Runs a step's activity, leaving the step RUNNING on success and FAILED when the activity fails for good. */
  private <T> T attempt(String name, Supplier<T> activity) {
    mark(name, Status.RUNNING);
    try {
      return activity.get();
    } catch (TemporalFailure failure) {
      mark(name, Status.FAILED);
      throw failure;
    }
  }

  /** Keeps the memo in step with the query, so progress is readable while no worker runs. */
  private void mark(String name, Status status) {
    steps.replaceAll(step -> step.name().equals(name) ? step.with(status) : step);
    Workflow.upsertMemo(Map.of(SessionMemo.STEPS, List.copyOf(steps)));
  }
}
