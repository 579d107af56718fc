package io.soma.hub.e2e.bench;

import io.soma.hub.orchestration.TaskQueues;
import io.soma.hub.orchestration.session.SessionIds;
import io.soma.hub.orchestration.session.SessionMemo;
import io.soma.hub.orchestration.session.SessionRequest;
import io.soma.hub.orchestration.session.SessionStep;
import io.soma.hub.orchestration.session.SessionWorkflow;
import io.temporal.api.enums.v1.WorkflowIdConflictPolicy;
import io.temporal.api.enums.v1.WorkflowIdReusePolicy;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowExecutionAlreadyStarted;
import io.temporal.client.WorkflowOptions;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * The baseline: the same session workflow started straight through the Temporal client, with the
 * options the gateway uses (workflow id from the session id, the session task queue, the tenant,
 * step plan and request digest in the memo, duplicate ids rejected) and the request the gateway
 * would hand over. As a repeater it starts a few fixed ids over and over, which Temporal refuses as
 * already started, to warm this JVM's client up as cheaply.
 */
final class RawStarts implements ClosedLoop.Start {

  private final WorkflowClient client;
  private final String label;
  private final boolean repeats;

  private RawStarts(WorkflowClient client, String label, boolean repeats) {
    this.client = client;
    this.label = label;
    this.repeats = repeats;
  }

  static RawStarts starting(WorkflowClient client, String label) {
    return new RawStarts(client, label, false);
  }

  static RawStarts repeating(WorkflowClient client, String label) {
    return new RawStarts(client, label, true);
  }

  @Override
  public String start(int index) throws Exception {
    int request = repeats ? index % SessionLoad.REPEATED_KEYS : index;
    String sessionId =
        repeats
            ? SessionIds.fromIdempotencyKey(
                SessionLoad.TENANT, "warmup-raw-" + label + "-" + request)
            : SessionIds.newSessionId();
    SessionRequest session =
        new SessionRequest(
            sessionId,
            SessionLoad.TENANT,
            SessionLoad.SUBJECT,
            List.of(SessionLoad.CAPABILITY),
            SessionLoad.prompt(request),
            null,
            Map.of("bench", label, "index", "" + request));
    String workflowId = SessionIds.workflowId(sessionId);
    WorkflowOptions options =
        WorkflowOptions.newBuilder()
            .setWorkflowId(workflowId)
            .setTaskQueue(TaskQueues.SESSIONS)
            .setWorkflowExecutionTimeout(Duration.ofHours(1))
            .setWorkflowIdReusePolicy(
                WorkflowIdReusePolicy.WORKFLOW_ID_REUSE_POLICY_REJECT_DUPLICATE)
            .setWorkflowIdConflictPolicy(WorkflowIdConflictPolicy.WORKFLOW_ID_CONFLICT_POLICY_FAIL)
            .setMemo(
                Map.of(
                    SessionMemo.TENANT, SessionLoad.TENANT,
                    SessionMemo.STEPS, SessionStep.plan(),
                    SessionMemo.REQUEST_FINGERPRINT, digest(session.prompt())))
            .build();
    SessionWorkflow workflow = client.newWorkflowStub(SessionWorkflow.class, options);
    try {
      WorkflowClient.start(workflow::run, session);
    } catch (WorkflowExecutionAlreadyStarted alreadyStarted) {
      if (!repeats) {
        throw alreadyStarted;
      }
    }
    return workflowId;
  }

  private static String digest(String text) throws Exception {
    return HexFormat.of()
        .formatHex(
            MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
  }
}
