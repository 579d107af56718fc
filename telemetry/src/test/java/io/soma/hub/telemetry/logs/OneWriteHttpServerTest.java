package io.soma.hub.telemetry.logs;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class OneWriteHttpServerTest {

  @Test
  void answersEachRequestOnAKeptAliveConnectionWithoutWaitingForADelayedAck() throws Exception {
    List<String> queries = Collections.synchronizedList(new ArrayList<>());
    List<Long> nanos = new ArrayList<>();
    try (OneWriteHttpServer server = new OneWriteHttpServer(queries::add)) {
      HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
      for (int i = 0; i < 50; i++) {
        long start = System.nanoTime();
        HttpResponse<String> response =
            http.send(
                HttpRequest.newBuilder(server.uri("/work?s" + i)).build(),
                HttpResponse.BodyHandlers.ofString());
        nanos.add(System.nanoTime() - start);
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("ok");
      }
    }
    assertThat(queries).hasSize(50).startsWith("s0", "s1").endsWith("s49");
    Collections.sort(nanos);
    // A response split into two writes without TCP_NODELAY waits ~40 ms for the client's delayed
    // ACK, every time.
    assertThat(nanos.get(nanos.size() / 2)).isLessThan(20_000_000L);
  }
}
