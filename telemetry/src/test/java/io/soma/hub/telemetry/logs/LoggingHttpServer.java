package io.soma.hub.telemetry.logs;

import java.net.URI;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.MDC;

/**
 * A request-serving process in miniature: every request logs {@code linesPerRequest} gateway-like lines with a
 * tenant and session in the MDC, on the request thread, and is answered after its last log call returns. Its
 * request latency is what the appender adds to a request, plus a tiny fixed cost.
 */
final class LoggingHttpServer implements AutoCloseable {

  private final OneWriteHttpServer server;
  private final AtomicInteger lines = new AtomicInteger();

  LoggingHttpServer(Logger logger, int linesPerRequest) {
    server =
        new OneWriteHttpServer(
            session -> {
              MDC.put(LogKeys.TENANT_ID, "tenant-" + Math.floorMod(session.hashCode(), 50));
              MDC.put(LogKeys.SESSION_ID, session);
              try {
                for (int i = 0; i < linesPerRequest; i++) {
                  logger.info("line {} of the benchmark: session {} step {} done", lines.getAndIncrement(), session, i);
                }
              } finally {
                MDC.clear();
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

  @Override
  public void close() {
    server.close();
  }
}
