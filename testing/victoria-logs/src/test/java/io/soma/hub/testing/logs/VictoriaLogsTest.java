package io.soma.hub.testing.logs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.ConnectException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VictoriaLogsTest {

  private final HttpClient http = HttpClient.newHttpClient();

  @Test
  void aLokiPushIsStoredWithItsJsonLineAsFieldsAndOutlivesARestart(@TempDir Path directory)
      throws Exception {
    try (VictoriaLogs logs = VictoriaLogs.startIn(directory)) {
      long nanos = System.currentTimeMillis() * 1_000_000L;
      String push =
          """
          {"streams":[{"stream":{"app":"smoke","env":"test"},"values":[
            ["%d","{\\"message\\":\\"line 42\\",\\"level\\":\\"INFO\\"}",{"session_id":"s-1"}]]}]}"""
              .formatted(nanos);
      assertThat(push(logs, push)).isEqualTo(204);

      assertThat(logs.query("{app=\"smoke\"} session_id:s-1"))
          .singleElement()
          .asString()
          .contains(
              "\"_msg\":\"line 42\"",
              "\"level\":\"INFO\"",
              "\"_stream\":\"{app=\\\"smoke\\\",env=\\\"test\\\"}\"");

      assertThat(logs.metric("vl_rows_ingested_total{type=\"loki_json\"}")).isEqualTo(1);

      logs.stop();
      assertThatThrownBy(() -> push(logs, push)).isInstanceOf(ConnectException.class);
      logs.start();
      assertThat(logs.query("{app=\"smoke\"}")).hasSize(1);
    }
  }

  private int push(VictoriaLogs logs, String body) throws IOException, InterruptedException {
    return http.send(
            HttpRequest.newBuilder(logs.lokiUrl())
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build(),
            HttpResponse.BodyHandlers.discarding())
        .statusCode();
  }
}
