package io.soma.hub.telemetry.logs;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.Executors;

/**
 * The Loki push API in a process of its own, for a benchmark that must not pay for its Loki in its own JVM: it
 * answers every push with the status it was last told ({@code POST /status?503}; 204 at first) and appends the body
 * of each accepted push as one line to a file (loki4j's JSON has no raw line breaks). Arguments: port, file.
 */
final class LokiStandInMain {

  private static volatile int status = 204;

  private LokiStandInMain() {}

  public static void main(String[] args) throws IOException {
    int port = Integer.parseInt(args[0]);
    OutputStream accepted = new FileOutputStream(Path.of(args[1]).toFile(), true);
    HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 64);
    server.setExecutor(Executors.newFixedThreadPool(2));
    server.createContext(LokiTarget.PUSH_PATH, exchange -> push(exchange, accepted));
    server.createContext("/status", exchange -> {
      try (exchange) {
        status = Integer.parseInt(exchange.getRequestURI().getQuery());
        exchange.sendResponseHeaders(204, -1);
      }
    });
    server.start();
    System.out.println("ready");
    System.out.flush();
  }

  private static void push(HttpExchange exchange, OutputStream accepted) throws IOException {
    try (exchange; InputStream body = exchange.getRequestBody()) {
      byte[] push = body.readAllBytes();
      int answer = status;
      if (answer < 300) {
        byte[] line = Arrays.copyOf(push, push.length + 1);
        line[push.length] = '\n';
        // One write per push: a process killed mid-push leaves no half line for the next one to append to.
        synchronized (accepted) {
          accepted.write(line);
        }
      }
      exchange.sendResponseHeaders(answer, -1);
    }
  }
}
