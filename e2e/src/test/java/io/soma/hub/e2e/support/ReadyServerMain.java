package io.soma.hub.e2e.support;

import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;

/**
 * A stand-in for our jars in the harness's own tests: ready after READY_AFTER_MS, graceful on
 * SIGTERM.
 */
public final class ReadyServerMain {

  private ReadyServerMain() {}

  public static void main(String[] args) throws Exception {
    if (System.getenv("EXIT_EARLY") != null) {
      System.out.println("boom: " + System.getenv("EXIT_EARLY"));
      System.exit(3);
    }
    long readyAfter = Long.parseLong(System.getenv().getOrDefault("READY_AFTER_MS", "0"));
    long readyAt = System.currentTimeMillis() + readyAfter;
    int port = Integer.parseInt(System.getenv("PORT"));
    HttpServer server =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
    server.createContext(
        "/health/readiness",
        exchange -> {
          exchange.sendResponseHeaders(System.currentTimeMillis() >= readyAt ? 200 : 503, -1);
          exchange.close();
        });
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  server.stop(0);
                  System.out.println("stopped gracefully");
                }));
    server.start();
    System.out.println("listening, HUB_LEAK=" + System.getenv("HUB_LEAK"));
  }
}
