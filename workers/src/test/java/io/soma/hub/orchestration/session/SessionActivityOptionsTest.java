package io.soma.hub.orchestration.session;

import static org.assertj.core.api.Assertions.assertThat;

import io.temporal.activity.ActivityCancellationType;
import io.temporal.activity.ActivityOptions;
import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SessionActivityOptionsTest {

  @ParameterizedTest(name = "provider timeout {0} s")
  @ValueSource(ints = {5, 125, 605, 1800})
  void theCompletionTimeoutsFollowTheProviderTimeout(int providerSeconds) {
    Duration providerTimeout = Duration.ofSeconds(providerSeconds);

    ActivityOptions completion = SessionActivityOptions.modelCompletion(providerTimeout);

    assertThat(completion.getStartToCloseTimeout())
        .as("the HTTP client gives up, and says why, before the attempt times out")
        .isGreaterThan(providerTimeout);
    assertThat(completion.getScheduleToCloseTimeout())
        .as("every attempt can use its full time")
        .isGreaterThanOrEqualTo(
            completion
                .getStartToCloseTimeout()
                .multipliedBy(completion.getRetryOptions().getMaximumAttempts()));
    assertThat(completion.getHeartbeatTimeout())
        .isEqualTo(Duration.ofSeconds(10))
        .isGreaterThanOrEqualTo(
            SessionActivityOptions.MODEL_COMPLETION_HEARTBEAT_INTERVAL.multipliedBy(3));
    assertThat(completion.getCancellationType())
        .as("a cancelled session does not wait for the provider")
        .isEqualTo(ActivityCancellationType.TRY_CANCEL);
  }
}
