package io.soma.hub.worker.temporal;

import io.temporal.worker.Worker;
import io.temporal.worker.WorkerFactory;

/** Registers workflows and activities with the worker factory before it starts. One bean per feature. */
@FunctionalInterface
public interface WorkerRegistration {

  void registerOn(WorkerFactory factory);

  /** The worker of a task queue, shared by every feature that polls that queue. */
  static Worker workerFor(WorkerFactory factory, String taskQueue) {
    Worker existing = factory.tryGetWorker(taskQueue);
    return existing != null ? existing : factory.newWorker(taskQueue);
  }
}
