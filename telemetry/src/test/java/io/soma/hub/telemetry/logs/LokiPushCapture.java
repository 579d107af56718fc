package io.soma.hub.telemetry.logs;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * WireMock standing in for Loki's push API on a free port: it accepts, answers 503, goes away and comes back on the
 * same port, and decodes the JSON pushes it accepted into lines.
 */
final class LokiPushCapture implements AutoCloseable {

  /** One log line as Loki stores it: its stream's labels, the line and its structured metadata. */
  record PushedLine(Map<String, String> labels, String timestampNs, String line, Map<String, String> metadata) {}

  private static final ObjectMapper JSON = new ObjectMapper();

  private final List<PushedLine> fromStoppedServers = new ArrayList<>();
  private WireMockServer server;
  private final int port;

  LokiPushCapture() {
    server = new WireMockServer(options().dynamicPort());
    server.start();
    port = server.port();
    accept();
  }

  URI baseUrl() {
    return URI.create("http://127.0.0.1:" + port);
  }

  void accept() {
    answer(204);
  }

  /** From now on every push gets this status; the newest stub wins, so no push ever finds none. */
  void answer(int status) {
    server.stubFor(post(urlEqualTo(LokiTarget.PUSH_PATH)).willReturn(aResponse().withStatus(status)));
  }

  /** Loki is gone: connections to its port are refused. */
  void stop() {
    fromStoppedServers.addAll(accepted(server));
    server.stop();
  }

  /** Loki is back on the same port, accepting. */
  void restart() {
    server = new WireMockServer(options().port(port));
    server.start();
    accept();
  }

  /** Every line Loki accepted (2xx), in the order of the pushes. */
  List<PushedLine> lines() {
    List<PushedLine> lines = new ArrayList<>(fromStoppedServers);
    if (server.isRunning()) {
      lines.addAll(accepted(server));
    }
    return lines;
  }

  /** The bytes of the pushes the running server accepted. */
  long pushedBytes() {
    return server.getAllServeEvents().stream()
        .filter(event -> event.getResponse().getStatus() < 300)
        .mapToLong(event -> event.getRequest().getBody().length)
        .sum();
  }

  @Override
  public void close() {
    if (server.isRunning()) {
      server.stop();
    }
  }

  private static List<PushedLine> accepted(WireMockServer server) {
    List<ServeEvent> events = new ArrayList<>(server.getAllServeEvents());
    // The journal lists the newest first.
    java.util.Collections.reverse(events);
    List<PushedLine> lines = new ArrayList<>();
    for (ServeEvent event : events) {
      int status = event.getResponse().getStatus();
      if (status >= 200 && status < 300) {
        lines.addAll(decode(event.getRequest().getBodyAsString()));
      }
    }
    return lines;
  }

  static List<PushedLine> decode(String push) {
    List<PushedLine> lines = new ArrayList<>();
    for (JsonNode stream : JSON.readTree(push).required("streams")) {
      Map<String, String> labels = strings(stream.required("stream"));
      for (JsonNode value : stream.required("values")) {
        Map<String, String> metadata = value.size() > 2 ? strings(value.get(2)) : Map.of();
        lines.add(new PushedLine(labels, value.get(0).asString(), value.get(1).asString(), metadata));
      }
    }
    return lines;
  }

  private static Map<String, String> strings(JsonNode object) {
    Map<String, String> map = new LinkedHashMap<>();
    object.properties().forEach(entry -> map.put(entry.getKey(), entry.getValue().asString()));
    return map;
  }
}
