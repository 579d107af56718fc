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
 * WireMock on Loki's push path, for the faults no running log store gives well-formed pushes:
 * answers of a chosen status (503 bursts, a 400). It decodes the JSON pushes it accepted into
 * lines. Everything else is tested against the real store (VictoriaLogs).
 */
final class LokiPushCapture implements AutoCloseable {

  /** One log line as Loki stores it: its stream's labels, the line and its structured metadata. */
  record PushedLine(
      Map<String, String> labels, String timestampNs, String line, Map<String, String> metadata) {}

  private static final ObjectMapper JSON = new ObjectMapper();

  private final WireMockServer server;

  LokiPushCapture() {
    server = new WireMockServer(options().dynamicPort());
    server.start();
    accept();
  }

  URI baseUrl() {
    return URI.create("http://127.0.0.1:" + server.port());
  }

  void accept() {
    answer(204);
  }

  /** From now on every push gets this status; the newest stub wins, so no push ever finds none. */
  void answer(int status) {
    server.stubFor(
        post(urlEqualTo(LokiTarget.PUSH_PATH)).willReturn(aResponse().withStatus(status)));
  }

  /** Every line Loki accepted (2xx), in the order of the pushes. */
  List<PushedLine> lines() {
    return accepted(server);
  }

  @Override
  public void close() {
    server.stop();
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
        lines.add(
            new PushedLine(labels, value.get(0).asString(), value.get(1).asString(), metadata));
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
