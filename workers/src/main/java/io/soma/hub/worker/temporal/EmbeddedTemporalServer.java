package io.soma.hub.worker.temporal;

import io.grpc.InsecureServerCredentials;
import io.grpc.Server;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.stub.StreamObserver;
import io.soma.hub.orchestration.HubSearchAttributes;
import io.temporal.api.operatorservice.v1.AddSearchAttributesRequest;
import io.temporal.api.operatorservice.v1.AddSearchAttributesResponse;
import io.temporal.api.operatorservice.v1.OperatorServiceGrpc;
import io.temporal.internal.testservice.GRPCServerHelper;
import io.temporal.internal.testservice.TestServicesStarter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * The in-process Java Temporal test server, bound to the port of HUB_TEMPORAL_ADDRESS, for a local
 * hub without the {@code temporal} CLI. Real time, no time skipping, state in memory only. It
 * starts before the worker connects and stops after the worker has drained. It listens on the hub's
 * bind address (loopback in local mode, {@code HUB_BIND} otherwise): built here from the test
 * server's services because {@code TestServer.createPortBoundServer} listens on every interface.
 */
public class EmbeddedTemporalServer implements SmartLifecycle {

  private static final Logger log = LoggerFactory.getLogger(EmbeddedTemporalServer.class);

  private final String host;
  private final int port;
  private volatile TestServicesStarter services;
  private volatile Server server;

  /**
   * @param host the address to listen on, or null for every interface
   */
  public EmbeddedTemporalServer(String host, int port) {
    this.host = host;
    this.port = port;
  }

  @Override
  public synchronized void start() {
    if (server == null) {
      // Time skipping locked: real time, as TestServer.createPortBoundServer(port) runs it.
      services = new TestServicesStarter(true, 0);
      registerSearchAttributes(services);
      InetSocketAddress address =
          host == null ? new InetSocketAddress(port) : new InetSocketAddress(host, port);
      NettyServerBuilder builder =
          NettyServerBuilder.forAddress(address, InsecureServerCredentials.create());
      GRPCServerHelper.registerServicesAndHealthChecks(services.getServices(), builder);
      try {
        server = builder.build().start();
      } catch (IOException e) {
        services.close();
        throw new UncheckedIOException(
            "the embedded Temporal server could not listen on " + address, e);
      }
      log.warn(
          "Started the embedded Temporal test server on {}: workflows live in memory and are lost on exit",
          address);
    }
  }

  /**
   * The attributes the gateway starts sessions with; a test server without them refuses those
   * starts.
   */
  private static void registerSearchAttributes(TestServicesStarter services) {
    AddSearchAttributesRequest request =
        AddSearchAttributesRequest.newBuilder()
            .putAllSearchAttributes(HubSearchAttributes.all())
            .build();
    // The test server's own class is package-private; its public base is the gRPC service it
    // implements.
    OperatorServiceGrpc.OperatorServiceImplBase operator = services.getOperatorService();
    operator.addSearchAttributes(
        request,
        new StreamObserver<>() {
          @Override
          public void onNext(AddSearchAttributesResponse response) {}

          @Override
          public void onError(Throwable failure) {
            throw new IllegalStateException(
                "the embedded Temporal server refused the hub's search attributes", failure);
          }

          @Override
          public void onCompleted() {}
        });
  }

  @Override
  public synchronized void stop() {
    if (server != null) {
      server.shutdownNow();
      services.close();
      server = null;
      log.info("Stopped the embedded Temporal test server on port {}", port);
    }
  }

  @Override
  public boolean isRunning() {
    return server != null;
  }

  @Override
  public int getPhase() {
    return TemporalWorkerLifecycle.PHASE - 1;
  }
}
