package io.soma.hub.orchestration.callback;

import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/**
 * Delivers a session's callback, retrying with backoff, as a child the session starts and abandons:
 * the session ends when it ends, however long the receiver is down.
 */
@WorkflowInterface
public interface CallbackWorkflow {

  @WorkflowMethod
  void deliver(CallbackDelivery delivery);
}
