package io.soma.hub.functions.temporal;

import io.grpc.Context;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.soma.hub.functions.errors.UnavailableException;
import io.temporal.client.WorkflowException;
import io.temporal.client.WorkflowNotFoundException;
import io.temporal.client.WorkflowServiceException;
import io.temporal.client.WorkflowUpdateException;
import io.temporal.client.WorkflowUpdateTimeoutOrCancelledException;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Calls to Temporal that wait for a worker (updates, queries), cut off after a deadline: a worker
 * that does not answer in time gives 503, not a hung request. An update's rejection and a workflow
 * that is gone pass through for the caller to answer as it sees fit; every other failure becomes
 * {@link UnavailableException}.
 */
public final class BoundedCalls {

  private static final ScheduledExecutorService DEADLINES =
      Executors.newSingleThreadScheduledExecutor(
          task -> {
            Thread thread = new Thread(task, "temporal-call-deadlines");
            thread.setDaemon(true);
            return thread;
          });

  private final Duration timeout;

  /**
   * @param timeout the longest a call waits ({@code hub.temporal.call-timeout})
   */
  public BoundedCalls(Duration timeout) {
    if (timeout == null || timeout.toSeconds() < 1) {
      throw new IllegalStateException(
          "hub.temporal.call-timeout must be at least one second, not " + timeout);
    }
    this.timeout = timeout;
  }

  /**
   * Runs a call under a gRPC deadline. The SDK waits for an update until the worker takes it,
   * retrying its long poll for as long as it takes; the context deadline cuts every RPC of the call
   * at once.
   *
   * @throws WorkflowUpdateException the update was rejected by its validator or failed in its
   *     handler
   * @throws WorkflowNotFoundException the workflow does not exist or has ended
   * @throws UnavailableException anything else, the deadline included
   */
  public <T> T call(Callable<T> call) {
    Context.CancellableContext context =
        Context.current().withDeadlineAfter(timeout.toMillis(), TimeUnit.MILLISECONDS, DEADLINES);
    try {
      return context.call(call);
    } catch (WorkflowUpdateException | WorkflowNotFoundException e) {
      throw e;
    } catch (WorkflowUpdateTimeoutOrCancelledException e) {
      throw new UnavailableException(
          "the orchestrator did not process the request in time; retry later", e);
    } catch (WorkflowServiceException e) {
      if (e.getCause() instanceof StatusRuntimeException grpc
          && grpc.getStatus().getCode() == Status.Code.NOT_FOUND) {
        throw new WorkflowNotFoundException(e.getExecution(), e.getWorkflowType().orElse(null), e);
      }
      throw unavailable(e);
    } catch (WorkflowException | StatusRuntimeException e) {
      throw unavailable(e);
    } catch (RuntimeException e) {
      throw e;
    } catch (Exception e) {
      throw unavailable(e);
    } finally {
      context.cancel(null);
    }
  }

  public static UnavailableException unavailable(Exception e) {
    return new UnavailableException("the orchestrator is unavailable; retry later", e);
  }
}
