package io.soma.hub.functions.memory;

import static org.assertj.core.api.Assertions.assertThat;

import io.soma.hub.functions.http.GatewayJson;
import io.soma.hub.functions.support.GatewayTestConfiguration;
import io.soma.hub.functions.support.HttpCalls;
import io.soma.hub.functions.support.HttpCalls.Answer;
import io.soma.hub.functions.support.TestTokens;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;

/**
 * A property over generated keys, through real HTTP (Tomcat's path handling included): whatever
 * {@code POST /v1/memory} accepts, {@code GET /v1/memory/{key}} (the key as a percent-encoded path
 * segment) gives back with the same key, byte for byte. Keys are drawn from every printable ASCII
 * character, some that are not ASCII, and the dot-only segments a URL path normalizes, with a fixed
 * seed so that CI runs the same cases ({@code -Dhub.memory-keys.seed} and {@code
 * -Dhub.memory-keys.cases} for a larger run).
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "HUB_JWT_SECRET=" + TestTokens.SECRET,
      "HUB_DB_URL=jdbc:h2:mem:memory-keys;DB_CLOSE_DELAY=-1;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE"
    })
@Import(GatewayTestConfiguration.class)
class MemoryKeyRoundTripTest {

  private static final String ALPHABET;

  static {
    StringBuilder chars = new StringBuilder();
    for (char c = 0x20; c < 0x7f; c++) {
      chars.append(c);
    }
    // The key alphabet again, so that accepted keys are common, and a few characters outside ASCII.
    ALPHABET = chars.append("abcXYZ019._-:@~..").append("éß€😀").toString();
  }

  @LocalServerPort int port;
  final String token = TestTokens.hs256("acme", "ann", "memory:write", "memory:read");

  @Test
  void whatIsAcceptedIsRecalledWithTheSameBytes() {
    HttpCalls http = new HttpCalls(port);
    long seed = Long.getLong("hub.memory-keys.seed", 20261206L);
    int cases = Integer.getInteger("hub.memory-keys.cases", 600);
    Random random = new Random(seed);
    List<String> keys =
        new ArrayList<>(
            List.of(
                ".",
                "..",
                "...",
                ".a",
                "a.",
                "~",
                ":",
                "@",
                "a%2Fb",
                "%",
                "a;b",
                "a/b",
                "a?b",
                "a#b",
                "a".repeat(200),
                "a".repeat(201)));
    while (keys.size() < cases) {
      keys.add(key(random));
    }
    int accepted = 0;
    for (String key : keys) {
      String body = GatewayJson.MAPPER.writeValueAsString(Map.of("key", key, "value", "v"));
      Answer stored = http.postJson("/v1/memory", token, body);
      assertThat(stored.status()).as("remember %s: %s", key, stored.body()).isIn(200, 201, 400);
      if (stored.status() == 400) {
        continue;
      }
      accepted++;
      Answer recalled = http.get("/v1/memory/" + pathSegment(key), token);
      assertThat(recalled.status())
          .as("recall %s (seed %d): %s", key, seed, recalled.body())
          .isEqualTo(200);
      assertThat(recalled.json().get("key").asString().getBytes(StandardCharsets.UTF_8))
          .as("recalled key of %s", key)
          .isEqualTo(key.getBytes(StandardCharsets.UTF_8));
    }
    assertThat(accepted).as("accepted keys of %d", keys.size()).isGreaterThan(cases / 10);
  }

  private static String key(Random random) {
    int length = 1 + (random.nextInt(10) == 0 ? random.nextInt(210) : random.nextInt(12));
    StringBuilder key = new StringBuilder();
    int[] codePoints = ALPHABET.codePoints().toArray();
    for (int i = 0; i < length; i++) {
      key.appendCodePoint(codePoints[random.nextInt(codePoints.length)]);
    }
    return key.toString();
  }

  /**
   * RFC 3986's pchar: unreserved characters, sub-delims, ':' and '@' as they are, every other byte
   * %XX.
   */
  private static String pathSegment(String key) {
    StringBuilder segment = new StringBuilder();
    for (byte b : key.getBytes(StandardCharsets.UTF_8)) {
      char c = (char) (b & 0xff);
      if ((c >= 'a' && c <= 'z')
          || (c >= 'A' && c <= 'Z')
          || (c >= '0' && c <= '9')
          || "-._~!$&'()*+,;=:@".indexOf(c) >= 0) {
        segment.append(c);
      } else {
        segment.append('%').append(String.format("%02X", (int) c));
      }
    }
    return segment.toString();
  }
}
