package io.soma.hub.worker.temporal;

import io.temporal.testserver.TestServer;
import io.temporal.testserver.TestServer.PortBoundTestServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * The in-process Java Temporal test server, bound to the port of HUB_TEMPORAL_ADDRESS, for a local hub without
 * the {@code temporal} CLI. Real time, no time skipping, state in memory only. It starts before the worker
 * connects and stops after the worker has drained.
 */
public class EmbeddedTemporalServer implements SmartLifecycle {

  private static final Logger log = LoggerFactory.getLogger(EmbeddedTemporalServer.class);

  private final int port;
  private volatile PortBoundTestServer server;

  public EmbeddedTemporalServer(int port) {
    this.port = port;
  }

  @Override
  public synchronized void start() {
    if (server == null) {
      server = TestServer.createPortBoundServer(port);
      log.warn(
          "Started the embedded Temporal test server on port {}: workflows live in memory and are lost on exit",
          port);
    }
  }

  @Override
  public synchronized void stop() {
    if (server != null) {
      server.close();
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
