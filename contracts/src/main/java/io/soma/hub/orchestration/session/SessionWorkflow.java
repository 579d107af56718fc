package io.soma.hub.orchestration.session;

import io.temporal.workflow.QueryMethod;
import io.temporal.workflow.SignalMethod;
import io.temporal.workflow.UpdateMethod;
import io.temporal.workflow.UpdateValidatorMethod;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;
import java.util.List;

/**
 * One agent session: policy check, scoped token, model completion, audit event. Its progress is
 * also written to the memo (see {@link SessionMemo}) so that it can be read while no worker is
 * running.
 */
@WorkflowInterface
public interface SessionWorkflow {

  /** Keeps the original system's workflow type name so histories and dashboards stay comparable. */
  String TYPE = "session-start-workflow";

  @WorkflowMethod(name = TYPE)
  SessionResult run(SessionRequest request);

  @QueryMethod(name = "steps")
  List<SessionStep> steps();

  String MESSAGE = "message";

  /**
   * A user turn of an open conversation, answered when the model has replied. Refused (before
   * anything is recorded) when the session is not a conversation, not waiting for a message, or
   * closing.
   */
  @UpdateMethod(name = MESSAGE)
  TurnReply message(TurnMessage message);

  @UpdateValidatorMethod(updateName = MESSAGE)
  void validateMessage(TurnMessage message);

  /** Ends an open conversation once the turn in flight, if any, is answered. */
  @SignalMethod(name = "close")
  void close();
}
