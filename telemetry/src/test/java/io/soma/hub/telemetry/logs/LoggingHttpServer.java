package io.soma.hub.telemetry.logs;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.MDC;

/**
 * A request-serving process in miniature: every request logs {@code linesPerRequest} gateway-like lines with a
 * tenant and session in the MDC, on the request thread, and is answered after its last log call returns. Its
 * request latency is what the appender adds to a request, plus a tiny fixed cost.
 */
final class LoggingHttpServer implements AutoCloseable {

  private final HttpServer server;
  private final ExecutorService requestThreads = Executors.newFixedThreadPool(8);
  private final AtomicInteger lines = new AtomicInteger();

  LoggingHttpServer(Logger logger, int linesPerRequest) {
    try {
      server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 128);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    server.setExecutor(requestThreads);
    server.createContext(
        "/work",
        exchange -> {
          try (exchange) {
            String session = exchange.getRequestURI().getQuery();
            MDC.put(LogKeys.TENANT_ID, "tenant-" + Math.floorMod(session.hashCode(), 50));
            MDC.put(LogKeys.SESSION_ID, session);
            try {
              for (int i = 0; i < linesPerRequest; i++) {
                logger.info("line {} of the benchmark: session {} step {} done", lines.getAndIncrement(), session, i);
              }
            } finally {
              MDC.clear();
            }
            byte[] body = "ok".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
          }
        });
    server.start();
  }

  URI uri(String session) {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/work?" + session);
  }

  /** Lines logged so far; they are numbered 0 to this minus one. */
  int lines() {
    return lines.get();
  }

  @Override
  public void close() {
    server.stop(0);
    requestThreads.shutdownNow();
  }
}
