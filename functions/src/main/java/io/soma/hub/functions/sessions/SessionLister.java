package io.soma.hub.functions.sessions;

import com.google.protobuf.ByteString;
import com.google.protobuf.Timestamp;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.soma.hub.functions.errors.UnavailableException;
import io.soma.hub.orchestration.HubSearchAttributes;
import io.soma.hub.orchestration.session.SessionIds;
import io.soma.hub.orchestration.session.SessionWorkflow;
import io.temporal.api.workflow.v1.WorkflowExecutionInfo;
import io.temporal.api.workflowservice.v1.ListWorkflowExecutionsRequest;
import io.temporal.api.workflowservice.v1.ListWorkflowExecutionsResponse;
import io.temporal.client.WorkflowClient;
import java.time.Instant;
import java.util.List;

/**
 * Lists a tenant's sessions through Temporal visibility: one {@code ListWorkflowExecutions} call
 * per page, filtered by the {@code HubTenant} search attribute the gateway sets at start, so no
 * other tenant's workflow is ever read. Order is visibility's: running sessions first, newest
 * started first, then ended ones, latest ended first (the SQL stores, the dev server's included,
 * take no ORDER BY).
 */
public class SessionLister {

  private final WorkflowClient client;

  public SessionLister(WorkflowClient client) {
    this.client = client;
  }

  public SessionPage list(SessionListing listing) {
    ListWorkflowExecutionsRequest.Builder request =
        ListWorkflowExecutionsRequest.newBuilder()
            .setNamespace(client.getOptions().getNamespace())
            .setPageSize(listing.limit())
            .setQuery(query(listing.caller().tenant(), listing.status()));
    if (listing.cursor() != null) {
      request.setNextPageToken(SessionCursor.decode(listing.cursor(), listing.status()));
    }
    ListWorkflowExecutionsResponse response;
    try {
      response =
          client.getWorkflowServiceStubs().blockingStub().listWorkflowExecutions(request.build());
    } catch (StatusRuntimeException e) {
      if (listing.cursor() != null && e.getStatus().getCode() == Status.Code.INVALID_ARGUMENT) {
        throw SessionCursor.invalid();
      }
      throw new UnavailableException("the orchestrator is unavailable; retry later", e);
    }
    List<SessionPage.Summary> sessions =
        response.getExecutionsList().stream().map(SessionLister::summary).toList();
    ByteString next = response.getNextPageToken();
    return new SessionPage(
        sessions, next.isEmpty() ? null : SessionCursor.encode(listing.status(), next));
  }

  /**
   * The list filter; every value in it is a constant or {@link HubSearchAttributes#keyword}, so
   * none needs escaping.
   */
  static String query(String tenant, SessionView.Status status) {
    String query =
        "WorkflowType = '"
            + SessionWorkflow.TYPE
            + "' AND "
            + HubSearchAttributes.TENANT.getName()
            + " = '"
            + HubSearchAttributes.keyword(tenant)
            + "'";
    return status == null ? query : query + " AND " + statusFilter(status);
  }

  private static String statusFilter(SessionView.Status status) {
    return switch (status) {
      // Visibility knows no WAITING (a memo value): an open conversation is listed as RUNNING.
      case RUNNING, WAITING -> "ExecutionStatus = 'Running'";
      case COMPLETED -> "ExecutionStatus = 'Completed'";
      case FAILED -> "ExecutionStatus IN ('Failed', 'TimedOut', 'Terminated')";
      case CANCELLED -> "ExecutionStatus = 'Canceled'";
    };
  }

  private static SessionPage.Summary summary(WorkflowExecutionInfo info) {
    return new SessionPage.Summary(
        SessionIds.sessionIdOf(info.getExecution().getWorkflowId()),
        SessionReader.statusOf(info.getStatus()),
        instant(info.getStartTime()),
        info.hasCloseTime() ? instant(info.getCloseTime()) : null);
  }

  private static Instant instant(Timestamp timestamp) {
    return Instant.ofEpochSecond(timestamp.getSeconds(), timestamp.getNanos());
  }
}
