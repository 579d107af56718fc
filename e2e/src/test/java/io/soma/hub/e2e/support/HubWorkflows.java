package io.soma.hub.e2e.support;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.soma.hub.orchestration.campaign.ApprovalDecision;
import io.soma.hub.orchestration.campaign.CampaignIds;
import io.soma.hub.orchestration.campaign.MarketingCampaignWorkflow;
import io.soma.hub.orchestration.connection.TemporalTls;
import io.soma.hub.orchestration.session.SessionIds;
import io.soma.hub.orchestration.session.SessionResult;
import io.soma.hub.orchestration.session.SessionWorkflow;
import io.temporal.api.common.v1.Payloads;
import io.temporal.api.enums.v1.EventType;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.api.update.v1.Input;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.client.WorkflowException;
import io.temporal.client.WorkflowExecutionMetadata;
import io.temporal.client.WorkflowNotFoundException;
import io.temporal.common.converter.DefaultDataConverter;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A Temporal client beside the hub, for what its HTTP API does not show: which workflows exist
 * (through visibility queries, which the dev server answers) and a session workflow's own result.
 */
public final class HubWorkflows implements AutoCloseable {

  public static final String SESSION_WORKFLOWS = "WorkflowType = '" + SessionWorkflow.TYPE + "'";

  private final WorkflowServiceStubs service;
  private final WorkflowClient client;

  private HubWorkflows(String address, String namespace, TemporalTls tls) {
    this.service =
        WorkflowServiceStubs.newServiceStubs(
            tls.applyTo(WorkflowServiceStubsOptions.newBuilder()).setTarget(address).build());
    this.client =
        WorkflowClient.newInstance(
            service, WorkflowClientOptions.newBuilder().setNamespace(namespace).build());
  }

  /** With the hub's own credentials. */
  public static HubWorkflows connect(HubTemporal temporal) {
    return new HubWorkflows(temporal.address(), temporal.namespace(), temporal.clientTls());
  }

  /** The workflows of a hub running elsewhere (the local cluster's Temporal). */
  public static HubWorkflows connect(String address, String namespace) {
    return new HubWorkflows(address, namespace, TemporalTls.OFF);
  }

  public WorkflowClient client() {
    return client;
  }

  /**
   * How many workflows visibility knows for the query; visibility trails the workflows by a little.
   */
  public long count(String query) {
    return client.countWorkflows(query).getCount();
  }

  public List<WorkflowExecutionMetadata> list(String query) {
    return client.listExecutions(query).toList();
  }

  /** Every run visibility knows of the session's workflow. */
  public List<WorkflowExecutionMetadata> runsOfSession(String sessionId) {
    return list("WorkflowId = '" + SessionIds.workflowId(sessionId) + "'");
  }

  /**
   * Asks the history service itself, so unlike visibility there is no lag: does the workflow id
   * exist?
   */
  public boolean sessionWorkflowExists(String sessionId) {
    try {
      client.newUntypedWorkflowStub(SessionIds.workflowId(sessionId)).describe();
      return true;
    } catch (WorkflowNotFoundException e) {
      return false;
    } catch (WorkflowException e) {
      if (e.getCause() instanceof StatusRuntimeException grpc
          && grpc.getStatus().getCode() == Status.Code.NOT_FOUND) {
        return false;
      }
      throw e;
    } catch (StatusRuntimeException e) {
      if (e.getStatus().getCode() == Status.Code.NOT_FOUND) {
        return false;
      }
      throw e;
    }
  }

  /** The result the session workflow returned; it must have completed. */
  public SessionResult sessionResult(String sessionId) {
    try {
      return client
          .newUntypedWorkflowStub(SessionIds.workflowId(sessionId))
          .getResult(10, TimeUnit.SECONDS, SessionResult.class);
    } catch (TimeoutException e) {
      throw new AssertionError("session " + sessionId + " has no result yet", e);
    }
  }

  /**
   * The approval decisions a campaign's history holds: the decide updates it accepted (a refused
   * update leaves nothing) and the approval signals (which gateways no longer send), in history
   * order.
   */
  public List<ApprovalDecision> campaignDecisions(String campaignId) {
    List<ApprovalDecision> decisions = new ArrayList<>();
    for (HistoryEvent event : client.fetchHistory(CampaignIds.workflowId(campaignId)).getEvents()) {
      if (event.getEventType() == EventType.EVENT_TYPE_WORKFLOW_EXECUTION_UPDATE_ACCEPTED) {
        Input update =
            event
                .getWorkflowExecutionUpdateAcceptedEventAttributes()
                .getAcceptedRequest()
                .getInput();
        if (update.getName().equals(MarketingCampaignWorkflow.DECIDE)) {
          decisions.add(decision(update.getArgs()));
        }
      }
      if (event.getEventType() == EventType.EVENT_TYPE_WORKFLOW_EXECUTION_SIGNALED
          && event
              .getWorkflowExecutionSignaledEventAttributes()
              .getSignalName()
              .equals("approval")) {
        decisions.add(decision(event.getWorkflowExecutionSignaledEventAttributes().getInput()));
      }
    }
    return decisions;
  }

  private static ApprovalDecision decision(Payloads arguments) {
    return DefaultDataConverter.STANDARD_INSTANCE.fromPayloads(
        0, Optional.of(arguments), ApprovalDecision.class, ApprovalDecision.class);
  }

  @Override
  public void close() {
    service.shutdown();
    service.awaitTermination(5, TimeUnit.SECONDS);
  }
}
