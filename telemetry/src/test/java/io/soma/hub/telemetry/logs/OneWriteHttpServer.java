package io.soma.hub.telemetry.logs;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;

/**
 * A keep-alive HTTP/1.1 server for GET requests that hands each request's query to a handler on the
 * connection's thread and answers {@code 200 ok} in a single write on a TCP_NODELAY socket, as
 * Tomcat, Jetty and Netty do. The JDK's HttpServer writes the headers and the body apart without
 * TCP_NODELAY: Nagle then holds the body until the client's delayed ACK (about 40 ms), so a load of
 * 250 requests/s falls behind and never catches up.
 */
final class OneWriteHttpServer implements AutoCloseable {

  private static final byte[] OK =
      "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok".getBytes(StandardCharsets.US_ASCII);

  private final ServerSocket listening;
  private final Consumer<String> handler;
  private final ExecutorService connectionThreads = Executors.newCachedThreadPool();
  private final Set<Socket> open = ConcurrentHashMap.newKeySet();

  OneWriteHttpServer(Consumer<String> handler) {
    this.handler = handler;
    try {
      listening = new ServerSocket(0, 128, InetAddress.getLoopbackAddress());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    connectionThreads.execute(this::accept);
  }

  URI uri(String pathAndQuery) {
    return URI.create("http://127.0.0.1:" + listening.getLocalPort() + pathAndQuery);
  }

  private void accept() {
    while (!listening.isClosed()) {
      try {
        Socket connection = listening.accept();
        connection.setTcpNoDelay(true);
        open.add(connection);
        connectionThreads.execute(() -> serve(connection));
      } catch (IOException closed) {
        return;
      }
    }
  }

  private void serve(Socket connection) {
    try (connection) {
      InputStream in = new BufferedInputStream(connection.getInputStream());
      OutputStream out = connection.getOutputStream();
      for (String requestLine = line(in);
          requestLine != null && !requestLine.isEmpty();
          requestLine = line(in)) {
        boolean close = false;
        for (String header = line(in); header != null && !header.isEmpty(); header = line(in)) {
          close |= header.toLowerCase(Locale.ROOT).replace(" ", "").equals("connection:close");
        }
        String target = requestLine.split(" ")[1];
        handler.accept(target.substring(target.indexOf('?') + 1));
        out.write(OK);
        out.flush();
        if (close) {
          return;
        }
      }
    } catch (IOException | RuntimeException e) {
      // The connection is closed below; the client sees the failure.
    } finally {
      open.remove(connection);
    }
  }

  /** One CRLF-terminated line without its terminator, or null at the end of the stream. */
  private static String line(InputStream in) throws IOException {
    ByteArrayOutputStream line = new ByteArrayOutputStream(128);
    for (int b = in.read(); b != '\n'; b = in.read()) {
      if (b < 0) {
        return null;
      }
      if (b != '\r') {
        line.write(b);
      }
    }
    return line.toString(StandardCharsets.US_ASCII);
  }

  @Override
  public void close() {
    try {
      listening.close();
      for (Socket connection : open) {
        connection.close();
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      connectionThreads.shutdownNow();
    }
  }
}
