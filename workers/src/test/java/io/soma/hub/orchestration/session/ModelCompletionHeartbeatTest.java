package io.soma.hub.orchestration.session;

import static com.github.tomakehurst.wiremock.client.WireMock.exactly;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.soma.hub.orchestration.model.ModelProvider;
import io.soma.hub.orchestration.model.ModelReply;
import io.soma.hub.orchestration.model.OpenAiCompatibleProvider;
import io.temporal.failure.CanceledFailure;
import io.temporal.testing.TestActivityEnvironment;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The completion activity against a slow provider: it heartbeats while it waits and stops the call
 * when told to.
 */
class ModelCompletionHeartbeatTest {

  private static final String COMPLETIONS = "/v1/chat/completions";
  private static final String ANSWER =
      "{\"model\":\"slow-model\",\"choices\":[{\"index\":0,"
          + "\"message\":{\"role\":\"assistant\",\"content\":\"Late.\"}}]}";

  @RegisterExtension
  static final WireMockExtension provider =
      WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  private final TestActivityEnvironment env = TestActivityEnvironment.newInstance();
  private final HubStoreFixture store = HubStoreFixture.migrated();
  private final RecordingProvider calls =
      new RecordingProvider(
          new OpenAiCompatibleProvider(
              provider.baseUrl(),
              "slow-model",
              "key",
              Duration.ofSeconds(2),
              Duration.ofSeconds(30)));
  private final List<Long> heartbeats = new CopyOnWriteArrayList<>();
  private SessionActivities activities;

  @AfterEach
  void closeEnvironment() {
    env.close();
  }

  private void startActivityWorker() {
    env.registerActivitiesImplementations(Sessions.activities(store, calls));
    env.setActivityHeartbeatListener(Long.class, heartbeats::add);
    activities =
        env.newActivityStub(
            SessionActivities.class,
            SessionActivityOptions.modelCompletion(Duration.ofSeconds(32)));
  }

  @Test
  void heartbeatsWhileTheProviderIsSlowAndRecordsTheReply() {
    provider.stubFor(post(COMPLETIONS).willReturn(okJson(ANSWER).withFixedDelay(3_000)));
    startActivityWorker();

    ModelReply reply =
        activities.complete(new CompletionRequest("s-slow", "acme", "Take your time."));

    assertThat(reply)
        .isEqualTo(new ModelReply("slow-model", OpenAiCompatibleProvider.PROVIDER, "Late."));
    assertThat(heartbeats)
        .as("seconds waited, sent while the provider had not answered")
        .isNotEmpty();
    assertThat(heartbeats).allSatisfy(waited -> assertThat(waited).isPositive());
    assertThat(store.completionsRecordedFor("s-slow")).isEqualTo(1);
  }

  @Test
  void aCancelledAttemptCancelsTheProviderCallAndRecordsNothing() {
    provider.stubFor(post(COMPLETIONS).willReturn(okJson(ANSWER).withFixedDelay(5_000)));
    startActivityWorker();
    env.requestCancelActivity();

    assertThatThrownBy(
            () -> activities.complete(new CompletionRequest("s-cancel", "acme", "Never mind.")))
        .isInstanceOf(CanceledFailure.class);

    assertThat(calls.pending)
        .singleElement()
        .satisfies(ModelCompletionHeartbeatTest::assertEndedByCancellation);
    provider.verify(exactly(1), postRequestedFor(urlEqualTo(COMPLETIONS)));
    assertThat(store.completionsRecordedFor("s-cancel")).isZero();
  }

  /**
   * Cancelled itself, or failed because cancelling it cancelled the HTTP exchange it depends on.
   */
  private static void assertEndedByCancellation(CompletableFuture<ModelReply> call) {
    assertThat(catchThrowable(call::join))
        .satisfiesAnyOf(
            ended -> assertThat(ended).isInstanceOf(CancellationException.class),
            ended -> assertThat(ended).hasCauseInstanceOf(CancellationException.class));
  }

  /** Keeps every future it hands out, so the test can see what happened to the call. */
  private static final class RecordingProvider implements ModelProvider {

    final List<CompletableFuture<ModelReply>> pending = new CopyOnWriteArrayList<>();
    private final ModelProvider delegate;

    RecordingProvider(ModelProvider delegate) {
      this.delegate = delegate;
    }

    @Override
    public CompletableFuture<ModelReply> completeAsync(String prompt) {
      CompletableFuture<ModelReply> call = delegate.completeAsync(prompt);
      pending.add(call);
      return call;
    }
  }
}
