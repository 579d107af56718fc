package io.soma.hub.e2e.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.stream.IntStream;

/**
 * The hub as a cluster runs it: the store on a throwaway PostgreSQL and an OpenAI-compatible model
 * provider (WireMock in this JVM) behind the real jars. Closing stops the hub first and PostgreSQL
 * last.
 */
public final class ClusterLikeHub implements AutoCloseable {

  private final PostgresServer postgres;
  private final OpenAiModelStub model;
  private final LocalHub hub;
  private final HubStoreRows store;

  private ClusterLikeHub(PostgresServer postgres, OpenAiModelStub model, LocalHub hub) {
    this.postgres = postgres;
    this.model = model;
    this.hub = hub;
    this.store = new HubStoreRows(postgres);
  }

  /**
   * @param model the provider stub, started; it is closed with the hub
   * @param modelName the model the worker asks for
   */
  public static ClusterLikeHub start(OpenAiModelStub model, String modelName, String apiKey) {
    return start(model, modelName, apiKey, TemporalDevServer::start);
  }

  /** The same on the given Temporal, e.g. a {@link TemporalServer}. */
  public static ClusterLikeHub start(
      OpenAiModelStub model,
      String modelName,
      String apiKey,
      Supplier<? extends HubTemporal> temporal) {
    PostgresServer postgres = null;
    try {
      postgres = PostgresServer.start();
      LocalHub hub =
          LocalHub.builder()
              .quickStartJvms()
              .temporal(temporal)
              .store(postgres)
              .model(model, modelName, apiKey)
              .start();
      return new ClusterLikeHub(postgres, model, hub);
    } catch (RuntimeException | AssertionError e) {
      try (PostgresServer stopsLast = postgres;
          OpenAiModelStub stopsFirst = model) {
        throw e;
      }
    }
  }

  public LocalHub hub() {
    return hub;
  }

  public OpenAiModelStub model() {
    return model;
  }

  public HubStoreRows store() {
    return store;
  }

  /** Until the provider has received every prompt: their completions are in flight then. */
  public void awaitModelCalls(List<String> prompts) {
    await()
        .atMost(Duration.ofMinutes(1))
        .pollInterval(Duration.ofMillis(50))
        .until(() -> prompts.stream().noneMatch(prompt -> model.callsFor(prompt).isEmpty()));
  }

  /**
   * Each session (the i-th asked the i-th prompt) completed once, with its records in the store
   * exactly once, and its reply is one the provider served for its prompt.
   */
  public void assertEachCompletedOnceWithAServedReply(
      String tenant,
      List<String> prompts,
      List<String> sessionIds,
      Map<String, JsonNode> sessions) {
    for (int i = 0; i < sessionIds.size(); i++) {
      JsonNode session = sessions.get(sessionIds.get(i));
      SessionRecords.assertCompletedOnce(store, hub.workflows(), tenant, session);
      assertThat(model.callsFor(prompts.get(i)))
          .as("the provider's replies to %s", prompts.get(i))
          .extracting(OpenAiModelStub.Call::reply)
          .contains(session.at("/result/reply").asText());
    }
  }

  /**
   * {@code count} prompts no other run of any test asks, so the provider's calls for each are this
   * run's.
   */
  public static List<String> prompts(String label, int count) {
    String run = UUID.randomUUID().toString();
    return IntStream.rangeClosed(1, count)
        .mapToObj(i -> label + " session " + i + " of run " + run)
        .toList();
  }

  @Override
  public void close() {
    try (PostgresServer stopsLast = postgres;
        OpenAiModelStub stopsSecond = model;
        LocalHub stopsFirst = hub) {
      // try-with-resources closes each, in reverse order, even when one fails
    }
  }
}
