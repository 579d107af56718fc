package io.soma.hub.worker.temporal;

import io.temporal.worker.Worker;
import io.temporal.worker.WorkerFactory;
import io.temporal.worker.WorkerOptions;

/**
 * Registers workflows and activities with the worker factory before it starts. One bean per
 * feature.
 */
@FunctionalInterface
public interface WorkerRegistration {

  void registerOn(WorkerFactory factory);

  /**
   * The worker of a task queue, shared by every feature that polls that queue. Its activities keep
   * heartbeating while a stopping worker drains them: by default the SDK fails their heartbeats at
   * once, which would abandon a model call that the drain is there to let finish.
   */
  static Worker workerFor(WorkerFactory factory, String taskQueue) {
    Worker existing = factory.tryGetWorker(taskQueue);
    return existing != null
        ? existing
        : factory.newWorker(
            taskQueue,
            WorkerOptions.newBuilder().setAllowActivityHeartbeatDuringShutdown(true).build());
  }
}
