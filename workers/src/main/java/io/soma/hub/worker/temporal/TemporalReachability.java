package io.soma.hub.worker.temporal;

import io.grpc.StatusRuntimeException;
import io.temporal.api.workflowservice.v1.GetSystemInfoRequest;
import io.temporal.serviceclient.WorkflowServiceStubs;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * Whether Temporal answers right now: a GetSystemInfo call with a short deadline. The answer is
 * remembered for a little while, so frequent probes neither load the service nor wait on it each
 * time.
 */
public class TemporalReachability {

  private final WorkflowServiceStubs stubs;
  private final Duration deadline;
  private final long rememberNanos;
  private final LongSupplier nanoTime;
  private Optional<String> failure = Optional.empty();
  private long checkedAtNanos;
  private boolean checked;

  public TemporalReachability(WorkflowServiceStubs stubs, Duration deadline, Duration rememberFor) {
    this(stubs, deadline, rememberFor, System::nanoTime);
  }

  TemporalReachability(
      WorkflowServiceStubs stubs, Duration deadline, Duration rememberFor, LongSupplier nanoTime) {
    this.stubs = stubs;
    this.deadline = deadline;
    this.rememberNanos = rememberFor.toNanos();
    this.nanoTime = nanoTime;
  }

  /** Empty when Temporal answered the latest check; otherwise why it did not. */
  public synchronized Optional<String> failure() {
    long now = nanoTime.getAsLong();
    if (!checked || now - checkedAtNanos >= rememberNanos) {
      failure = check();
      checkedAtNanos = nanoTime.getAsLong();
      checked = true;
    }
    return failure;
  }

  private Optional<String> check() {
    try {
      stubs
          .blockingStub()
          .withDeadlineAfter(deadline.toMillis(), TimeUnit.MILLISECONDS)
          .getSystemInfo(GetSystemInfoRequest.getDefaultInstance());
      return Optional.empty();
    } catch (StatusRuntimeException e) {
      String description = Optional.ofNullable(e.getStatus().getDescription()).orElse("");
      return Optional.of(
          ("GetSystemInfo failed: " + e.getStatus().getCode() + " " + description).strip());
    }
  }
}
