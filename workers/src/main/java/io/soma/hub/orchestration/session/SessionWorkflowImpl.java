package io.soma.hub.orchestration.session;

import io.soma.hub.orchestration.callback.CallbackDelivery;
import io.soma.hub.orchestration.callback.CallbackWorkflow;
import io.soma.hub.orchestration.callback.SessionCallback;
import io.soma.hub.orchestration.events.HubEventTypes;
import io.soma.hub.orchestration.events.WorkflowEvents;
import io.soma.hub.orchestration.model.ChatMessage;
import io.soma.hub.orchestration.model.ModelReply;
import io.soma.hub.orchestration.policy.PolicyDecision;
import io.soma.hub.orchestration.session.SessionStep.Status;
import io.soma.hub.orchestration.token.TokenGrant;
import io.temporal.api.enums.v1.ParentClosePolicy;
import io.temporal.api.enums.v1.WorkflowIdReusePolicy;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.failure.CanceledFailure;
import io.temporal.failure.TemporalFailure;
import io.temporal.workflow.Async;
import io.temporal.workflow.CancellationScope;
import io.temporal.workflow.ChildWorkflowOptions;
import io.temporal.workflow.ContinueAsNewOptions;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.slf4j.Logger;

public class SessionWorkflowImpl implements SessionWorkflow {

  private static final Logger log = Workflow.getLogger(SessionWorkflowImpl.class);

  /**
   * The change that made sessions lean: policy, scoped token and audit as local activities, and the
   * steps' memo written once per workflow task instead of at every step's change. Executions
   * recorded before it replay as they ran (the version marker is absent from their history).
   */
  static final String LEAN_PATH = "lean-session-path";

  static final int LEAN = 1;

  /**
   * The next version of the same change id: a cancelled session ends cleanly (the step it was in
   * ends CANCELLED, and a compensation records the cancellation's audit event, which frees the
   * session's quota slot, writes the memo and publishes {@code session.cancelled}). One marker for
   * both, so a session's history is no longer for it. Executions recorded at {@link #LEAN} or
   * before replay, and end when cancelled, as they always did.
   */
  static final int COMPENSATES = 2;

  /**
   * The next: a session started with a {@code callback_url} starts, when it ends, a child that
   * delivers the callback ({@link CallbackWorkflow}) and ends without waiting for it. Sessions
   * without one record nothing more.
   */
  static final int CALLS_BACK = 3;

  /** An open conversation with no message for this long ends, as if closed. */
  static final Duration CONVERSATION_IDLE_TIMEOUT = Duration.ofMinutes(30);

  /** The most recent turns a conversation gives the model as context. */
  static final int CONTEXT_TURNS = 20;

  /**
   * A conversation continues as a new run after this many turns, or sooner when Temporal suggests
   * it.
   */
  static final int TURNS_PER_RUN = 100;

  private final SessionActivities activities;
  private final SessionActivities localActivities;
  private final boolean eventsEnabled;
  private final List<SessionStep> steps = new ArrayList<>(SessionStep.plan());
  private final List<ChatMessage> context = new ArrayList<>();
  private SessionRequest request;
  private boolean waiting;
  private boolean answering;
  private boolean closeRequested;
  private int turns;
  private ModelReply lastReply;
  private boolean lean;
  private boolean compensating;
  private boolean callsBack;
  private boolean stepsUnwritten;

  /** For workers whose model provider has the default timeouts, without events. */
  public SessionWorkflowImpl() {
    this(SessionActivityOptions.DEFAULT_MODEL_PROVIDER_TIMEOUT, false);
  }

  /**
   * @param modelProviderTimeout the longest this worker's provider call can take, from which the
   *     completion's activity timeouts are derived; timeouts are not part of what replay compares,
   *     so workers may differ
   * @param eventsEnabled whether this worker publishes events (see {@link WorkflowEvents})
   */
  public SessionWorkflowImpl(Duration modelProviderTimeout, boolean eventsEnabled) {
    this.eventsEnabled = eventsEnabled;
    activities =
        Workflow.newActivityStub(
            SessionActivities.class,
            SessionActivityOptions.AUDIT,
            SessionActivityOptions.byActivity(modelProviderTimeout));
    localActivities =
        Workflow.newLocalActivityStub(
            SessionActivities.class,
            SessionActivityOptions.local(SessionActivityOptions.AUDIT),
            SessionActivityOptions.localByActivity());
  }

  @Override
  public SessionResult run(SessionRequest request) {
    this.request = request;
    WorkflowEvents events = WorkflowEvents.start(eventsEnabled);
    // Decided here, where every execution passes before its first step, not where a cancellation is
    // caught: an
    // execution recorded at an earlier version is cancelled the way it was written for.
    int version = Workflow.getVersion(LEAN_PATH, Workflow.DEFAULT_VERSION, CALLS_BACK);
    lean = version >= LEAN;
    compensating = version >= COMPENSATES;
    callsBack = version >= CALLS_BACK && request.callbackUrl() != null;
    try {
      SessionResult result = request.conversation() ? runConversation(request) : runSteps(request);
      writeSteps();
      events.publish(
          HubEventTypes.SESSION_COMPLETED,
          request.sessionId(),
          request.tenant(),
          Map.of(
              "session_id",
              request.sessionId(),
              "provider",
              String.valueOf(result.provider()),
              "model",
              String.valueOf(result.model())));
      callBack(
          request,
          SessionCallback.completed(
              request.sessionId(), result.reply(), result.model(), result.provider()));
      return result;
    } catch (TemporalFailure failure) {
      if (cancelled()) {
        compensateCancellation(request, events);
        // Rethrown while the cancellation is requested, it ends the execution CANCELED.
        throw failure;
      }
      writeSteps();
      if (!(failure instanceof CanceledFailure)) {
        String reason = WorkflowEvents.reason(failure);
        events.publish(
            HubEventTypes.SESSION_FAILED,
            request.sessionId(),
            request.tenant(),
            Map.of("session_id", request.sessionId(), "reason", reason));
        callBack(request, SessionCallback.failed(request.sessionId(), reason));
      }
      throw failure;
    }
  }

  private SessionResult runSteps(SessionRequest request) {
    log.info("Session {} of tenant {} started", request.sessionId(), request.tenant());
    TokenGrant grant = admit(request);
    ModelReply reply =
        step(
            SessionStep.MODEL_COMPLETION,
            () -> {
              // The session waits here, maybe for minutes: what it did so far is readable
              // meanwhile.
              writeSteps();
              return activities.complete(
                  new CompletionRequest(request.sessionId(), request.tenant(), request.prompt()));
            });
    String auditEventId =
        step(
            SessionStep.AUDIT,
            () -> shortSteps().emitAuditEvent(AuditEvent.completed(request, grant, reply)));

    log.info(
        "Session {} completed by {} ({})", request.sessionId(), reply.provider(), reply.model());
    return new SessionResult(
        request.sessionId(),
        reply.reply(),
        reply.model(),
        reply.provider(),
        auditEventId,
        List.copyOf(steps));
  }

  /**
   * The policy check (a denial fails the session, audited) and the scoped token: every session's
   * first steps.
   */
  private TokenGrant admit(SessionRequest request) {
    PolicyDecision decision =
        attempt(SessionStep.POLICY, () -> shortSteps().evaluatePolicy(request));
    if (!decision.allowed()) {
      mark(SessionStep.POLICY, Status.FAILED);
      throw rejected(request, decision);
    }
    mark(SessionStep.POLICY, Status.COMPLETED);
    return step(SessionStep.SCOPED_TOKEN, () -> shortSteps().issueScopedToken(request));
  }

  /**
   * A conversation: the one-shot steps up to the first reply (the prompt is turn 1), then open,
   * WAITING for the next message ({@link #message}) until closed, idle for {@link
   * #CONVERSATION_IDLE_TIMEOUT} or cancelled; the audit step ends it. A run that has answered
   * {@link #TURNS_PER_RUN} turns continues as a new one, which reads where the conversation stands
   * from the store (every turn is recorded there by its activity).
   */
  private SessionResult runConversation(SessionRequest request) {
    if (Workflow.getInfo().getContinuedExecutionRunId().isPresent()) {
      ConversationSoFar so =
          shortSteps().resumeConversation(request.tenant(), request.sessionId(), CONTEXT_TURNS);
      turns = so.turns();
      context.addAll(so.context());
      lastReply = so.last();
      for (String done :
          List.of(SessionStep.POLICY, SessionStep.SCOPED_TOKEN, SessionStep.MODEL_COMPLETION)) {
        mark(done, Status.COMPLETED);
      }
      log.info("Conversation {} continued at turn {}", request.sessionId(), turns);
    } else {
      log.info("Conversation {} of tenant {} started", request.sessionId(), request.tenant());
      admit(request);
      step(
          SessionStep.MODEL_COMPLETION,
          () -> {
            writeSteps();
            return answer(request.prompt(), null);
          });
    }
    int firstTurnOfRun = turns;
    String endedBy = "close";
    while (!closeRequested) {
      waitingForMessage(true);
      boolean woken = Workflow.await(CONVERSATION_IDLE_TIMEOUT, () -> closeRequested || answering);
      if (!woken) {
        endedBy = "idle";
        break;
      }
      Workflow.await(() -> !answering);
      if (!closeRequested
          && (turns - firstTurnOfRun >= TURNS_PER_RUN
              || Workflow.getInfo().isContinueAsNewSuggested())) {
        waitingForMessage(false);
        Workflow.await(Workflow::isEveryHandlerFinished);
        continueConversation(request);
      }
    }
    waitingForMessage(false);
    int answered = turns;
    String how = endedBy;
    String auditEventId =
        step(
            SessionStep.AUDIT,
            () ->
                shortSteps()
                    .emitAuditEvent(
                        AuditEvent.conversationEnded(request, answered, how, lastReply)));
    log.info("Conversation {} ended ({}) after {} turns", request.sessionId(), endedBy, turns);
    return new SessionResult(
        request.sessionId(),
        lastReply.reply(),
        lastReply.model(),
        lastReply.provider(),
        auditEventId,
        List.copyOf(steps));
  }

  /**
   * Continues as a new run with the memo and search attributes the gateway set at the start, which
   * a new run does not inherit: the tenant every read is checked by, the request's digest an
   * idempotent repeat is compared with, and the attributes the listing filters on.
   */
  private void continueConversation(SessionRequest request) {
    Map<String, Object> memo = new HashMap<>();
    for (String key : List.of(SessionMemo.TENANT, SessionMemo.REQUEST_FINGERPRINT)) {
      String value = Workflow.getMemo(key, String.class, String.class);
      if (value != null) {
        memo.put(key, value);
      }
    }
    memo.put(SessionMemo.STEPS, List.copyOf(steps));
    memo.put(SessionMemo.CONVERSATION, SessionMemo.ANSWERING);
    Workflow.continueAsNew(
        ContinueAsNewOptions.newBuilder()
            .setMemo(memo)
            .setTypedSearchAttributes(Workflow.getTypedSearchAttributes())
            .build(),
        request);
  }

  /**
   * One turn: the model answers the content with the recent turns as context; the turn is recorded
   * by then.
   */
  private TurnReply answer(String content, String fingerprint) {
    int turn = turns + 1;
    ModelReply reply =
        activities.answerTurn(
            new TurnRequest(
                request.sessionId(), request.tenant(), turn, content, List.copyOf(context)));
    turns = turn;
    lastReply = reply;
    context.add(ChatMessage.user(content));
    context.add(ChatMessage.assistant(reply.reply()));
    while (context.size() > 2 * CONTEXT_TURNS) {
      context.remove(0);
    }
    return new TurnReply(reply.reply(), turn, reply.model(), reply.provider(), fingerprint);
  }

  /**
   * Keeps the memo's conversation state current, so GET /v1/sessions/{id} says WAITING while no
   * worker runs.
   */
  private void waitingForMessage(boolean now) {
    if (waiting == now && !stepsUnwritten) {
      return;
    }
    waiting = now;
    Workflow.upsertMemo(
        Map.of(
            SessionMemo.CONVERSATION,
            now ? SessionMemo.WAITING : SessionMemo.ANSWERING,
            SessionMemo.STEPS,
            List.copyOf(steps)));
    stepsUnwritten = false;
  }

  @Override
  public void validateMessage(TurnMessage message) {
    if (request == null || !request.conversation()) {
      throw new IllegalStateException("the session is not a conversation");
    }
    if (closeRequested || !waiting || answering) {
      throw new IllegalStateException(
          closeRequested
              ? "the conversation is closing"
              : "the conversation is not waiting for a message");
    }
  }

  @Override
  public TurnReply message(TurnMessage message) {
    answering = true;
    try {
      waitingForMessage(false);
      return answer(message.content(), message.fingerprint());
    } finally {
      answering = false;
    }
  }

  @Override
  public void close() {
    closeRequested = true;
  }

  /**
   * What a cancelled session still owes: its memo, the audit event that frees its quota slot, and
   * its event. In a detached scope, since in the cancelled one every activity would be cancelled
   * before it started.
   */
  private void compensateCancellation(SessionRequest request, WorkflowEvents events) {
    String step =
        steps.stream()
            .filter(s -> s.status() == Status.CANCELLED)
            .map(SessionStep::name)
            .findFirst()
            .orElse("");
    log.info("Session {} cancelled during {}", request.sessionId(), step);
    writeSteps();
    Workflow.newDetachedCancellationScope(
            () -> {
              try {
                shortSteps().emitAuditEvent(AuditEvent.cancelled(request, step));
              } catch (ActivityFailure failure) {
                // The session ends CANCELLED all the same; SessionSlotSweeper frees its slot once
                // it is closed.
                log.warn(
                    "Session {}: the cancellation was not audited: {}",
                    request.sessionId(),
                    failure.getMessage());
              }
              events.publish(
                  HubEventTypes.SESSION_CANCELLED,
                  request.sessionId(),
                  request.tenant(),
                  Map.of("session_id", request.sessionId(), "step", step));
              callBack(request, SessionCallback.cancelled(request.sessionId(), step));
            })
        .run();
  }

  /**
   * Hands the callback to a child workflow and waits only until it has started: delivery may retry
   * for a day, and the session is over now. The child's id derives from the session's, so it is
   * started once.
   */
  private void callBack(SessionRequest request, SessionCallback body) {
    if (!callsBack) {
      return;
    }
    String workflowId = Workflow.getInfo().getWorkflowId() + "/callback";
    CallbackWorkflow delivery =
        Workflow.newChildWorkflowStub(
            CallbackWorkflow.class,
            ChildWorkflowOptions.newBuilder()
                .setWorkflowId(workflowId)
                .setParentClosePolicy(ParentClosePolicy.PARENT_CLOSE_POLICY_ABANDON)
                .setWorkflowIdReusePolicy(
                    WorkflowIdReusePolicy.WORKFLOW_ID_REUSE_POLICY_REJECT_DUPLICATE)
                .build());
    try {
      Async.procedure(
          delivery::deliver,
          new CallbackDelivery(
              "msg_" + request.sessionId(), request.tenant(), request.callbackUrl(), body));
      Workflow.getWorkflowExecution(delivery).get();
    } catch (TemporalFailure failure) {
      // The session's own ending stands; GET /v1/sessions/{id} still has its result.
      log.warn(
          "Session {}: its callback was not started: {}",
          request.sessionId(),
          failure.getMessage());
    }
  }

  @Override
  public List<SessionStep> steps() {
    return List.copyOf(steps);
  }

  private ApplicationFailure rejected(SessionRequest request, PolicyDecision decision) {
    step(
        SessionStep.AUDIT,
        () -> shortSteps().emitAuditEvent(AuditEvent.rejected(request, decision)));
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

  /**
   * Runs a step's activity, leaving the step RUNNING on success, FAILED when the activity fails for
   * good and CANCELLED when the session is cancelled meanwhile.
   */
  private <T> T attempt(String name, Supplier<T> activity) {
    mark(name, Status.RUNNING);
    try {
      stopIfCancelled();
      T result = activity.get();
      // A local activity is not cancellable: it runs to its end, and a session cancelled meanwhile
      // stops here.
      stopIfCancelled();
      return result;
    } catch (TemporalFailure failure) {
      mark(name, cancelled() ? Status.CANCELLED : Status.FAILED);
      throw failure;
    }
  }

  private void stopIfCancelled() {
    if (cancelled()) {
      throw new CanceledFailure("session cancelled");
    }
  }

  /** Whether the session was asked to stop, for executions that compensate a cancellation. */
  private boolean cancelled() {
    return compensating && CancellationScope.current().isCancelRequested();
  }

  /**
   * Policy, token and audit: local activities on the lean path, activities for executions recorded
   * before it.
   */
  private SessionActivities shortSteps() {
    return lean ? localActivities : activities;
  }

  /**
   * Keeps the memo in step with the query, so progress is readable while no worker runs. The lean
   * path writes it only where the workflow task ends ({@link #writeSteps}): a memo changed several
   * times in one task is seen by nobody in between, and each write is an event in the history and a
   * visibility update.
   */
  private void mark(String name, Status status) {
    steps.replaceAll(step -> step.name().equals(name) ? step.with(status) : step);
    stepsUnwritten = true;
    if (!lean) {
      writeSteps();
    }
  }

  private void writeSteps() {
    if (stepsUnwritten) {
      Workflow.upsertMemo(Map.of(SessionMemo.STEPS, List.copyOf(steps)));
      stepsUnwritten = false;
    }
  }
}
