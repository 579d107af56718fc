package io.soma.hub.orchestration.callback;

import io.temporal.failure.ActivityFailure;
import io.temporal.workflow.Workflow;
import org.slf4j.Logger;

public class CallbackWorkflowImpl implements CallbackWorkflow {

  private static final Logger log = Workflow.getLogger(CallbackWorkflowImpl.class);

  private final CallbackActivities activities =
      Workflow.newActivityStub(CallbackActivities.class, CallbackOptions.POST);

  @Override
  public void deliver(CallbackDelivery delivery) {
    try {
      activities.post(delivery);
      log.info(
          "Callback {} of session {} delivered", delivery.messageId(), delivery.body().sessionId());
    } catch (ActivityFailure failure) {
      // Given up for good: the session's result stays readable through GET /v1/sessions/{id}.
      log.warn(
          "Callback {} of session {} not delivered: {}",
          delivery.messageId(),
          delivery.body().sessionId(),
          failure.getCause() == null ? failure.getMessage() : failure.getCause().getMessage());
      throw failure;
    }
  }
}
