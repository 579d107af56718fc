package io.soma.hub.telemetry.logs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class LokiBudgetTest {

  private static final LokiBudget SHIPPED = LokiBudget.SIXTY_SECOND_OUTAGE;

  @Test
  void theShippedBudgetOutlastsASixtySecondOutageAtAThousandLinesASecond() {
    assertThat(SHIPPED.outageSurvived()).isEqualTo(Duration.ofMillis(137_500));
    assertThat(SHIPPED.secondsQueued(1_000, LokiBudget.MEASURED_LINE_BYTES)).isGreaterThan(90);
  }

  @Test
  void retryWaitsDoubleUpToTheCap() {
    LokiBudget threeRetries = withRetries(3, Duration.ofMillis(500), Duration.ofSeconds(60));
    assertThat(threeRetries.outageSurvived()).isEqualTo(Duration.ofMillis(500 + 1_000 + 2_000));
    LokiBudget capped = withRetries(4, Duration.ofSeconds(1), Duration.ofMillis(1_500));
    assertThat(capped.outageSurvived()).isEqualTo(Duration.ofMillis(1_000 + 1_500 + 1_500 + 1_500));
    assertThat(withRetries(0, Duration.ofSeconds(1), Duration.ofSeconds(1)).outageSurvived())
        .isZero();
  }

  @Test
  void impossibleBudgetsAreRefused() {
    assertThatThrownBy(() -> withRetries(-1, Duration.ofSeconds(1), Duration.ofSeconds(1)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> withRetries(3, Duration.ofSeconds(2), Duration.ofSeconds(1)))
        .hasMessageContaining("below the first");
    assertThatThrownBy(() -> withRetries(3, Duration.ZERO, Duration.ofSeconds(1)))
        .hasMessageContaining("positive");
    assertThatThrownBy(
            () ->
                new LokiBudget(
                    10,
                    4096,
                    Duration.ofSeconds(1),
                    4096,
                    3,
                    Duration.ofSeconds(1),
                    Duration.ofSeconds(1),
                    0,
                    Duration.ofSeconds(1),
                    Duration.ofSeconds(1),
                    Duration.ofSeconds(1)))
        .hasMessageContaining("five batches");
  }

  private static LokiBudget withRetries(int retries, Duration first, Duration longest) {
    return new LokiBudget(
        SHIPPED.batchMaxItems(),
        SHIPPED.batchMaxBytes(),
        SHIPPED.batchTimeout(),
        SHIPPED.sendQueueMaxBytes(),
        retries,
        first,
        longest,
        0,
        SHIPPED.connectTimeout(),
        SHIPPED.requestTimeout(),
        SHIPPED.drainTimeout());
  }
}
