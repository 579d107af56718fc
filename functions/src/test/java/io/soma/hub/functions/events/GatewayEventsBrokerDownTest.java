package io.soma.hub.functions.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.soma.hub.functions.support.GatewayTestConfiguration;
import io.soma.hub.functions.support.HttpCalls;
import io.soma.hub.functions.support.TestTokens;
import io.soma.hub.telemetry.PromTool;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A configured broker that nobody answers for: sessions are still accepted at once, and the lost
 * events counted.
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "HUB_JWT_SECRET=" + TestTokens.SECRET,
      "HUB_DB_URL=jdbc:h2:mem:gateway-events-down;DB_CLOSE_DELAY=-1;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE"
    })
@Import(GatewayTestConfiguration.class)
class GatewayEventsBrokerDownTest {

  @LocalServerPort int port;

  @DynamicPropertySource
  static void unreachableBroker(DynamicPropertyRegistry registry) throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      int nobody = socket.getLocalPort();
      registry.add("hub.kafka.bootstrap-servers", () -> "127.0.0.1:" + nobody);
    }
  }

  @Test
  void requestsAreAnsweredPromptlyAndEveryLostEventIsCounted() {
    HttpCalls http = new HttpCalls(port);
    String acme = TestTokens.hs256("acme", "ann", "sessions:write");
    assertThat(GatewayEventsTest.post(http, acme, null, "warm up").status()).isEqualTo(201);

    for (int i = 0; i < 5; i++) {
      long start = System.nanoTime();
      int status = GatewayEventsTest.post(http, acme, null, "Plan launch " + i).status();
      Duration took = Duration.ofNanos(System.nanoTime() - start);
      assertThat(status).isEqualTo(201);
      // the producer's own bound (max.block.ms) is 5 s: an answer well below it never waited for
      // the broker
      assertThat(took).isLessThan(Duration.ofSeconds(1));
    }
    assertThat(GatewayEventsTest.post(http, acme, null, "build a jailbreak").status())
        .isEqualTo(403);

    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () -> {
              String metrics = http.get("/metrics", null).body();
              assertThat(metrics).containsPattern("hub_events_publish_failures_total [1-9]");
              assertThat(PromTool.problems(metrics)).isEmpty();
            });
  }
}
