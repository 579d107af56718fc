package io.soma.hub.functions.temporal;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.soma.hub.functions.errors.NotFoundException;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowException;
import io.temporal.client.WorkflowExecutionDescription;
import io.temporal.client.WorkflowNotFoundException;
import java.util.function.Supplier;

/**
 * Workflows that belong to a tenant: another tenant's workflow reads as not found, like one that
 * does not exist.
 */
public final class TenantWorkflows {

  private TenantWorkflows() {}

  /**
   * Describes the workflow if its memo names the tenant.
   *
   * @param tenantMemoKey the memo key under which its starter wrote the tenant
   * @param notFound the answer for a workflow that does not exist or is another tenant's
   */
  public static WorkflowExecutionDescription describe(
      WorkflowClient client,
      String workflowId,
      String tenantMemoKey,
      String tenant,
      Supplier<NotFoundException> notFound) {
    try {
      WorkflowExecutionDescription description =
          client.newUntypedWorkflowStub(workflowId).describe();
      if (!tenant.equals(description.getMemo(tenantMemoKey, String.class, String.class))) {
        throw notFound.get();
      }
      return description;
    } catch (WorkflowNotFoundException e) {
      throw notFound.get();
    } catch (StatusRuntimeException e) {
      if (e.getStatus().getCode() == Status.Code.NOT_FOUND) {
        throw notFound.get();
      }
      throw BoundedCalls.unavailable(e);
    } catch (WorkflowException e) {
      if (e.getCause() instanceof StatusRuntimeException grpc
          && grpc.getStatus().getCode() == Status.Code.NOT_FOUND) {
        throw notFound.get();
      }
      throw BoundedCalls.unavailable(e);
    }
  }
}
