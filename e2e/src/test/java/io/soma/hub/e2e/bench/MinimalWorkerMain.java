package io.soma.hub.e2e.bench;

import com.sun.net.httpserver.HttpServer;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import io.temporal.worker.Worker;
import io.temporal.worker.WorkerFactory;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.CountDownLatch;

/**
 * The baseline's worker, a process of its own like the hub's worker (the same java and JVM
 * options): polls {@link MinimalWorkflow#TASK_QUEUE} on TEMPORAL_ADDRESS / TEMPORAL_NAMESPACE with
 * the SDK's default worker options, ready on PORT's /health/readiness once polling, and stops on
 * SIGTERM.
 */
public final class MinimalWorkerMain {

  private MinimalWorkerMain() {}

  public static void main(String[] args) throws Exception {
    WorkflowServiceStubs service =
        WorkflowServiceStubs.newServiceStubs(
            WorkflowServiceStubsOptions.newBuilder()
                .setTarget(System.getenv("TEMPORAL_ADDRESS"))
                .build());
    WorkflowClient client =
        WorkflowClient.newInstance(
            service,
            WorkflowClientOptions.newBuilder()
                .setNamespace(System.getenv("TEMPORAL_NAMESPACE"))
                .build());
    WorkerFactory factory = WorkerFactory.newInstance(client);
    Worker worker = factory.newWorker(MinimalWorkflow.TASK_QUEUE);
    worker.registerWorkflowImplementationTypes(MinimalWorkflow.Impl.class);
    worker.registerActivitiesImplementations(new MinimalWorkflow.StepImpl());
    factory.start();

    HttpServer health =
        HttpServer.create(
            new InetSocketAddress(
                InetAddress.getLoopbackAddress(), Integer.parseInt(System.getenv("PORT"))),
            0);
    health.createContext(
        "/health/readiness",
        exchange -> {
          exchange.sendResponseHeaders(200, -1);
          exchange.close();
        });
    health.start();

    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  health.stop(0);
                  factory.shutdown();
                  factory.awaitTermination(10, java.util.concurrent.TimeUnit.SECONDS);
                  service.shutdown();
                  stopped.countDown();
                }));
    stopped.await();
  }
}
