package io.soma.hub.worker.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

class JwtPropertiesTest {

  private static final Duration TTL = Duration.ofMinutes(5);

  @ParameterizedTest
  @NullSource
  @ValueSource(strings = {"", "   "})
  void aMissingSecretIsRefusedWithWhatToSet(String secret) {
    assertThatThrownBy(() -> new JwtProperties(secret, null, null, TTL))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("HUB_JWT_SECRET is not set")
        .hasMessageContaining("./hub up");
  }

  @Test
  void aSecretShorterThan32BytesIsRefused() {
    assertThatThrownBy(() -> new JwtProperties("x".repeat(31), null, null, TTL))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("31 bytes")
        .hasMessageContaining("at least 32");
  }

  @Test
  void a32ByteSecretIsAccepted() {
    assertThat(new JwtProperties("x".repeat(32), "issuer", null, TTL).secret()).hasSize(32);
  }
}
