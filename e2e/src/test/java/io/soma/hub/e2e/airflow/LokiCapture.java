package io.soma.hub.e2e.airflow;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Stands in for Loki's push API ({@code POST /loki/api/v1/push}, JSON): answers 204 and keeps every line pushed. */
final class LokiCapture implements AutoCloseable {

  static final String PUSH_PATH = "/loki/api/v1/push";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final TypeReference<Map<String, String>> STRINGS = new TypeReference<>() {};

  /** One pushed line: its stream's labels, the line as JSON, its structured metadata. */
  record Line(Map<String, String> labels, JsonNode line, Map<String, String> metadata) {

    String message() {
      return line.path("message").asText();
    }
  }

  private final WireMockServer server;

  private LokiCapture() {
    server = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
    server.start();
    server.stubFor(post(urlPathEqualTo(PUSH_PATH)).willReturn(aResponse().withStatus(204)));
  }

  static LokiCapture start() {
    return new LokiCapture();
  }

  /** The value for LOKI_URL. */
  String baseUrl() {
    return "http://127.0.0.1:" + server.port();
  }

  List<Line> lines() {
    List<Line> lines = new ArrayList<>();
    server.getAllServeEvents().forEach(event -> {
      if (event.getRequest().getUrl().equals(PUSH_PATH)) {
        lines.addAll(parse(event.getRequest().getBodyAsString()));
      }
    });
    return lines;
  }

  private static List<Line> parse(String body) {
    try {
      List<Line> lines = new ArrayList<>();
      for (JsonNode stream : JSON.readTree(body).path("streams")) {
        Map<String, String> labels = JSON.convertValue(stream.get("stream"), STRINGS);
        for (JsonNode value : stream.path("values")) {
          Map<String, String> metadata = value.size() > 2 ? JSON.convertValue(value.get(2), STRINGS) : Map.of();
          lines.add(new Line(labels, JSON.readTree(value.get(1).asText()), metadata));
        }
      }
      return lines;
    } catch (IOException e) {
      throw new UncheckedIOException("a push that is not Loki's JSON: " + body, e);
    }
  }

  @Override
  public void close() {
    server.stop();
  }
}
