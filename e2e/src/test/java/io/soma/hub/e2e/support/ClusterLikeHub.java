package io.soma.hub.e2e.support;

import java.util.function.Supplier;

/**
 * The hub as a cluster runs it: the store on a throwaway PostgreSQL and an OpenAI-compatible model provider
 * (WireMock in this JVM) behind the real jars. Closing stops the hub first and PostgreSQL last.
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
      OpenAiModelStub model, String modelName, String apiKey, Supplier<? extends HubTemporal> temporal) {
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

  @Override
  public void close() {
    try (PostgresServer stopsLast = postgres;
        OpenAiModelStub stopsSecond = model;
        LocalHub stopsFirst = hub) {
      // try-with-resources closes each, in reverse order, even when one fails
    }
  }
}
