package io.soma.hub.e2e.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.soma.hub.tools.Token;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalTokensTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void mintsAnHs256TokenWithTheHubClaims() throws Exception {
    LocalTokens tokens = LocalTokens.withRandomSecret();

    String token =
        tokens.mint("acme", "ann", Duration.ofMinutes(5), "sessions:write", "sessions:read");

    assertHubClaims(verifiedClaims(token, tokens.secret()), 300);
  }

  @Test
  void theHubTokenCommandSignsTheSameWay(@TempDir Path directory) throws Exception {
    String secret = LocalTokens.withRandomSecret().secret();
    Path secretFile = Files.writeString(directory.resolve("local-secret"), secret + "\n");
    String java = ProcessHandle.current().info().command().orElseThrow();

    Commands.Result result =
        Commands.require(
            directory,
            Duration.ofMinutes(1),
            List.of(
                java,
                HubJars.root().resolve("tools/Token.java").toString(),
                "--secret-file",
                secretFile.toString(),
                "--tenant",
                "acme",
                "--sub",
                "ann",
                "--cap",
                "sessions:write,sessions:read",
                "--ttl",
                "5m"));

    assertHubClaims(verifiedClaims(result.output().strip(), secret), 300);
  }

  @Test
  void signsArbitraryClaimsForNegativeTests() throws Exception {
    LocalTokens tokens = LocalTokens.withRandomSecret();

    String token = tokens.sign(Map.of("sub", "ann", "exp", 1));

    assertThat(verifiedClaims(token, tokens.secret()).has("tenant_id")).isFalse();
  }

  @Test
  void refusesASecretShorterThan32Bytes() {
    assertThatThrownBy(() -> Token.mint("too short", "acme", "ann", List.of(), 60))
        .hasMessageContaining("at least 32 bytes");
  }

  private static void assertHubClaims(JsonNode claims, long ttl) {
    assertThat(claims.get("sub").asText()).isEqualTo("ann");
    assertThat(claims.get("tenant_id").asText()).isEqualTo("acme");
    assertThat(claims.get("capabilities").isArray()).isTrue();
    assertThat(claims.get("capabilities").toString())
        .isEqualTo("[\"sessions:write\",\"sessions:read\"]");
    long iat = claims.get("iat").asLong();
    assertThat(iat)
        .isBetween(Instant.now().getEpochSecond() - 120, Instant.now().getEpochSecond() + 1);
    assertThat(claims.get("exp").asLong()).isEqualTo(iat + ttl);
  }

  /** Checks header and signature independently of Token, then returns the claims. */
  private static JsonNode verifiedClaims(String token, String secret) throws Exception {
    String[] parts = token.split("\\.");
    assertThat(parts).hasSize(3);
    assertThat(token).doesNotContain("=");
    JsonNode header = JSON.readTree(Base64.getUrlDecoder().decode(parts[0]));
    assertThat(header.get("alg").asText()).isEqualTo("HS256");
    assertThat(header.get("typ").asText()).isEqualTo("JWT");
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
    byte[] expected = mac.doFinal((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
    assertThat(Base64.getUrlDecoder().decode(parts[2])).isEqualTo(expected);
    return JSON.readTree(Base64.getUrlDecoder().decode(parts[1]));
  }
}
