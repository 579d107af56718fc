package io.soma.hub.functions.limits;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class RateLimitTest {

  @ParameterizedTest(name = "{0}")
  @CsvSource({
    "100/1s,      100, 1000,    100/1s",
    "600/1m,      600, 60000,   600/1m",
    " 5 / 90s ,   5,   90000,   5/90s",
    "10/PT2H,     10,  7200000, 10/2h",
    "3/1500ms,    3,   1500,    3/1500ms",
    "60/60s,      60,  60000,   60/1m"
  })
  void isWrittenCapacitySlashPeriodAndPrintedCanonically(
      String text, long capacity, long millis, String canonical) {
    RateLimit limit = RateLimit.valueOf(text);

    assertThat(limit.capacity()).isEqualTo(capacity);
    assertThat(limit.period()).isEqualTo(Duration.ofMillis(millis));
    assertThat(limit).hasToString(canonical);
    assertThat(RateLimit.valueOf(limit.toString())).isEqualTo(limit);
  }

  @ParameterizedTest(name = "''{0}''")
  @ValueSource(
      strings = {
        "",
        "100",
        "100/",
        "/1s",
        "x/1s",
        "100/1s/2",
        "0/1s",
        "-1/1s",
        "100/0s",
        "100/-1s",
        "1/fortnight"
      })
  void anythingElseIsRefusedSayingHowToWriteIt(String text) {
    assertThatThrownBy(() -> RateLimit.valueOf(text)).isInstanceOf(IllegalArgumentException.class);
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"0/1s", "100/0s"})
  void theMessageSaysWhatIsWrong(String text) {
    assertThatThrownBy(() -> RateLimit.valueOf(text)).hasMessageContaining("at least 1");
  }
}
