package io.soma.hub.telemetry.logs;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.MDC;

/**
 * A request-serving process in miniature: every request logs {@code linesPerRequest} gateway-like
 * lines with a tenant and session in the MDC, on the request thread, and is answered after its last
 * log call returns. Its request latency is what the appender adds to a request, plus a tiny fixed
 * cost. It also keeps how long each request's log calls took: the appender's own cost, which a
 * client's latency shows only with the network, the client and the scheduler's noise around it.
 */
final class LoggingHttpServer implements AutoCloseable {

  private final OneWriteHttpServer server;
  private final AtomicInteger lines = new AtomicInteger();
  private final List<Long> loggingNanos = new ArrayList<>();

  LoggingHttpServer(Logger logger, int linesPerRequest) {
    server =
        new OneWriteHttpServer(
            session -> {
              MDC.put(LogKeys.TENANT_ID, "tenant-" + Math.floorMod(session.hashCode(), 50));
              MDC.put(LogKeys.SESSION_ID, session);
              long start = System.nanoTime();
              try {
                for (int i = 0; i < linesPerRequest; i++) {
                  logger.info(
                      "line {} of the benchmark: session {} step {} done",
                      lines.getAndIncrement(),
                      session,
                      i);
                }
              } finally {
                MDC.clear();
              }
              long took = System.nanoTime() - start;
              synchronized (loggingNanos) {
                loggingNanos.add(took);
              }
            });
  }

  URI uri(String session) {
    return server.uri("/work?" + session);
  }

  /** Lines logged so far; they are numbered 0 to this minus one. */
  int lines() {
    return lines.get();
  }

  /** How long the log calls of each request took since the last call of this method. */
  List<Long> takeLoggingNanos() {
    synchronized (loggingNanos) {
      List<Long> taken = new ArrayList<>(loggingNanos);
      loggingNanos.clear();
      return taken;
    }
  }

  @Override
  public void close() {
    server.close();
  }
}
