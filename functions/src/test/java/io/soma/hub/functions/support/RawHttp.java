package io.soma.hub.functions.support;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Requests as bytes on a socket, for what no HTTP client will send: a header twice, raw non-UTF-8
 * bytes in a path, Content-Length beside Transfer-Encoding, a method no library knows. Every
 * request closes its connection.
 */
public final class RawHttp {

  private static final JsonMapper JSON = JsonMapper.builder().build();
  private final int port;

  public RawHttp(int port) {
    this.port = port;
  }

  /** An answer: status, header lines as sent, body. */
  public record Answer(int status, List<String> headers, String body) {
    public String header(String name) {
      String prefix = name.toLowerCase(Locale.ROOT) + ":";
      return headers.stream()
          .filter(h -> h.toLowerCase(Locale.ROOT).startsWith(prefix))
          .map(h -> h.substring(prefix.length()).trim())
          .findFirst()
          .orElse(null);
    }

    public JsonNode json() {
      return JSON.readTree(body);
    }
  }

  /**
   * A request: the request line, header lines and body exactly as given; adds Host and Connection:
   * close.
   */
  public Answer send(byte[] requestLine, List<byte[]> headers, byte[] body) {
    ByteArrayOutputStream request = new ByteArrayOutputStream();
    request.writeBytes(requestLine);
    request.writeBytes(crlf("\r\nHost: 127.0.0.1\r\nConnection: close"));
    for (byte[] header : headers) {
      request.writeBytes(crlf("\r\n"));
      request.writeBytes(header);
    }
    request.writeBytes(crlf("\r\n\r\n"));
    if (body != null) {
      request.writeBytes(body);
    }
    try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
      socket.setSoTimeout(20_000);
      socket.getOutputStream().write(request.toByteArray());
      socket.getOutputStream().flush();
      return parse(socket.getInputStream().readAllBytes());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Bytes of text as ISO-8859-1 (one byte per char), so a test can spell any byte. */
  public static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.ISO_8859_1);
  }

  /** The header lines of a request; each a string of ISO-8859-1 bytes. */
  public static List<byte[]> headers(String... lines) {
    List<byte[]> headers = new ArrayList<>();
    for (String line : lines) {
      headers.add(bytes(line));
    }
    return headers;
  }

  private static byte[] crlf(String text) {
    return text.getBytes(StandardCharsets.US_ASCII);
  }

  private static Answer parse(byte[] response) {
    String head = new String(response, StandardCharsets.ISO_8859_1);
    int end = head.indexOf("\r\n\r\n");
    if (end < 0) {
      throw new IllegalStateException("no complete HTTP answer: " + head);
    }
    List<String> lines = head.substring(0, end).lines().toList();
    int status = Integer.parseInt(lines.get(0).split(" ")[1]);
    Answer headOnly = new Answer(status, lines.subList(1, lines.size()), "");
    byte[] body = java.util.Arrays.copyOfRange(response, end + 4, response.length);
    if ("chunked".equalsIgnoreCase(headOnly.header("Transfer-Encoding"))) {
      body = unchunk(body);
    }
    return new Answer(status, headOnly.headers(), new String(body, StandardCharsets.UTF_8));
  }

  private static byte[] unchunk(byte[] chunked) {
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    String text = new String(chunked, StandardCharsets.ISO_8859_1);
    int at = 0;
    while (true) {
      int lineEnd = text.indexOf("\r\n", at);
      int size = Integer.parseInt(text.substring(at, lineEnd).trim(), 16);
      if (size == 0) {
        return body.toByteArray();
      }
      body.write(chunked, lineEnd + 2, size);
      at = lineEnd + 2 + size + 2;
    }
  }
}
