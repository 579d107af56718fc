package io.soma.hub.e2e.support;

import io.soma.hub.testing.cluster.Ports;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;

/**
 * The whole hub as {@code ./hub up} runs it: a Temporal dev server (or another {@link
 * HubTemporal}), the worker jar and the functions jar, in local mode with a fresh secret and data
 * directory, on free ports. Skips the test when a jar is not built.
 */
public final class LocalHub implements AutoCloseable {

  private final HubTemporal temporal;
  private final HubProcess worker;
  private final HubProcess functions;
  private final LocalTokens tokens;
  private final Path dataDirectory;
  private final int functionsPort;
  private final int workerPort;
  private final List<String> functionsCommand;
  private final Map<String, String> functionsEnvironment;
  private final List<HubProcess> moreFunctions = new ArrayList<>();
  private final List<HubProcess> moreWorkers = new ArrayList<>();
  private final List<String> workerCommand;
  private final Map<String, String> workerEnvironment;
  private HubWorkflows workflows;

  private LocalHub(
      Builder builder, Path functionsJar, Path workerJar, HubTemporal temporal, Path data) {
    this.temporal = temporal;
    this.tokens = LocalTokens.withRandomSecret();
    this.dataDirectory = data;
    this.functionsPort = Ports.free();
    this.workerPort = Ports.free();
    Map<String, String> common = new HashMap<>(builder.environment);
    common.put("HUB_LOCAL_MODE", "true");
    common.put("HUB_JWT_SECRET", tokens.secret());
    // Signs session callbacks; tests read a tenant's secret from GET /v1/callbacks/secret.
    common.put("HUB_CALLBACK_KEY", LocalTokens.withRandomSecret().secret());
    common.put("HUB_DATA_DIR", data.toString());
    common.putAll(temporal.hubEnvironment());
    Map<String, String> workerEnvironment = new HashMap<>(common);
    workerEnvironment.putAll(builder.workerEnvironment);
    this.workerEnvironment = Map.copyOf(workerEnvironment);
    this.workerCommand = javaArguments(builder, workerJar);
    workerEnvironment.put("HUB_WORKER_PORT", Integer.toString(workerPort));
    this.functionsEnvironment = Map.copyOf(common);
    this.functionsCommand = javaArguments(builder, functionsJar);
    this.worker =
        HubProcess.java(
            "worker", javaArguments(builder, workerJar), workerEnvironment, readiness(workerPort));
    this.functions = functionsProcess("functions", functionsPort, Map.of());
  }

  public static Builder builder() {
    return new Builder();
  }

  public HubTemporal temporal() {
    return temporal;
  }

  /**
   * The Temporal dev server, which a hub runs on unless {@link Builder#temporal} said otherwise.
   */
  public TemporalDevServer devServer() {
    if (temporal instanceof TemporalDevServer devServer) {
      return devServer;
    }
    throw new IllegalStateException(
        "this hub runs on " + temporal.getClass().getSimpleName() + ", no dev server");
  }

  public HubProcess worker() {
    return worker;
  }

  public HubProcess functions() {
    return functions;
  }

  public LocalTokens tokens() {
    return tokens;
  }

  /** A client for the functions (the gateway). */
  public JsonHttp gateway() {
    return gatewayOn(functionsPort);
  }

  /**
   * Starts one more functions process beside the first, as a second pod of a Knative Service runs:
   * the same jar and settings on a port of its own. It is stopped with the hub.
   *
   * @return a client for it
   */
  public synchronized JsonHttp startMoreFunctions(String name) {
    return startMoreFunctions(name, Map.of());
  }

  /**
   * As {@link #startMoreFunctions(String)}, with more variables for this process, e.g.
   * HUB_RATE_LIMITS_ENABLED.
   */
  public synchronized JsonHttp startMoreFunctions(String name, Map<String, String> environment) {
    int port = Ports.free();
    HubProcess more = functionsProcess(name, port, environment);
    moreFunctions.add(more);
    more.start();
    return gatewayOn(port);
  }

  /**
   * Starts one more worker process beside the first, as a second replica of the worker Deployment
   * runs: the same jar and settings, polling the same task queues, with a management port of its
   * own. It is stopped with the hub.
   */
  public synchronized HubProcess startMoreWorkers(String name) {
    int port = Ports.free();
    Map<String, String> environment = new HashMap<>(workerEnvironment);
    environment.put("HUB_WORKER_PORT", Integer.toString(port));
    HubProcess more = HubProcess.java(name, workerCommand, environment, readiness(port));
    moreWorkers.add(more);
    more.start();
    return more;
  }

  /** A client for the worker's management port (/metrics, /health). */
  public JsonHttp workerManagement() {
    return new JsonHttp(URI.create("http://127.0.0.1:" + workerPort + "/"));
  }

  /** {@code host:port} of the worker's management port, as a Prometheus scrape target. */
  public String workerTarget() {
    return "127.0.0.1:" + workerPort;
  }

  /** {@code host:port} of the functions, as a Prometheus scrape target. */
  public String functionsTarget() {
    return "127.0.0.1:" + functionsPort;
  }

  /**
   * A Temporal client on the hub's Temporal, made on first use; it reconnects by itself across
   * restarts.
   */
  public synchronized HubWorkflows workflows() {
    if (workflows == null) {
      workflows = HubWorkflows.connect(temporal);
    }
    return workflows;
  }

  @Override
  public void close() {
    synchronized (this) {
      if (workflows != null) {
        workflows.close();
      }
    }
    synchronized (this) {
      moreFunctions.forEach(HubProcess::stop);
      moreWorkers.forEach(HubProcess::stop);
    }
    functions.stop();
    worker.stop();
    temporal.close();
    Directories.deleteRecursively(dataDirectory);
  }

  private HubProcess functionsProcess(String name, int port, Map<String, String> more) {
    Map<String, String> environment = new HashMap<>(functionsEnvironment);
    environment.putAll(more);
    environment.put("PORT", Integer.toString(port));
    return HubProcess.java(name, functionsCommand, environment, readiness(port));
  }

  private static JsonHttp gatewayOn(int port) {
    return new JsonHttp(URI.create("http://127.0.0.1:" + port + "/"));
  }

  private static List<String> javaArguments(Builder builder, Path jar) {
    List<String> arguments = new ArrayList<>(builder.jvmOptions);
    arguments.addAll(List.of("-jar", jar.toString()));
    return arguments;
  }

  private static URI readiness(int port) {
    return URI.create("http://127.0.0.1:" + port + "/health/readiness");
  }

  public static final class Builder {

    private final Map<String, String> environment = new HashMap<>();
    private final Map<String, String> workerEnvironment = new HashMap<>();
    private final List<String> jvmOptions = new ArrayList<>();
    private Supplier<? extends HubTemporal> temporal = TemporalDevServer::start;

    private Builder() {}

    /**
     * The Temporal the hub runs on, started by {@link #start()}: e.g. a {@link TemporalServer} with
     * TLS.
     */
    public Builder temporal(Supplier<? extends HubTemporal> starter) {
      this.temporal = starter;
      return this;
    }

    /**
     * The JIT's first tier only: the JVMs start in about two thirds of the time and run slower,
     * which suits short functional tests on a small machine. Not for benchmarks.
     */
    public Builder quickStartJvms() {
      jvmOptions.add("-XX:TieredStopAtLevel=1");
      return this;
    }

    /** An extra variable for both processes, e.g. HUB_MODERATION_BLOCKLIST. */
    public Builder env(String name, String value) {
      environment.put(name, value);
      return this;
    }

    /** An extra variable for the worker only. */
    public Builder workerEnv(String name, String value) {
      workerEnvironment.put(name, value);
      return this;
    }

    /**
     * The worker's model provider: the stub, asked for {@code model} with {@code apiKey} as bearer
     * token.
     */
    public Builder model(OpenAiModelStub provider, String model, String apiKey) {
      return workerEnv("HUB_MODEL_BASE_URL", provider.baseUrl())
          .workerEnv("HUB_MODEL_NAME", model)
          .workerEnv("HUB_MODEL_API_KEY", apiKey);
    }

    /**
     * The hub store in this PostgreSQL instead of the embedded file database, over TLS when it has
     * TLS.
     */
    public Builder store(PostgresServer postgres) {
      environment.putAll(postgres.hubTlsEnvironment());
      return env("HUB_DB_URL", postgres.jdbcUrl())
          .env("HUB_DB_USER", postgres.user())
          .env("HUB_DB_PASSWORD", postgres.password());
    }

    /**
     * Starts Temporal, then the worker and the functions: side by side on a server database, one
     * after the other on the embedded one. Each must be ready before this returns.
     */
    public LocalHub start() {
      Path functionsJar = HubJars.functions();
      Path workerJar = HubJars.worker();
      HubTemporal temporal = this.temporal.get();
      LocalHub hub;
      try {
        Path data = Files.createTempDirectory("hub-data");
        // Copies, so that a rebuild during the test cannot pull classes out from under the running
        // jars.
        Path jars = Files.createDirectories(data.resolve("jars"));
        hub =
            new LocalHub(
                this,
                Files.copy(functionsJar, jars.resolve("functions.jar")),
                Files.copy(workerJar, jars.resolve("worker.jar")),
                temporal,
                data);
      } catch (IOException e) {
        temporal.close();
        throw new UncheckedIOException(e);
      }
      try {
        if (environment.containsKey("HUB_DB_URL")) {
          startSideBySide(hub.worker, hub.functions);
        } else {
          // The embedded file database is opened by one process first; AUTO_SERVER makes it the
          // other's server.
          hub.worker.start();
          hub.functions.start();
        }
        return hub;
      } catch (RuntimeException | AssertionError e) {
        hub.close();
        throw e;
      }
    }

    /**
     * Both at once: a Spring Boot start is mostly one thread, so two side by side take little more
     * than one.
     */
    private static void startSideBySide(HubProcess first, HubProcess second) {
      CompletableFuture<HubProcess> firstStarted = CompletableFuture.supplyAsync(first::start);
      Throwable failure = null;
      try {
        second.start();
      } catch (RuntimeException | AssertionError e) {
        failure = e;
      }
      try {
        firstStarted.join();
      } catch (CompletionException e) {
        if (failure == null) {
          failure = e.getCause();
        } else {
          failure.addSuppressed(e.getCause());
        }
      }
      if (failure instanceof Error error) {
        throw error;
      }
      if (failure instanceof RuntimeException runtime) {
        throw runtime;
      }
    }
  }
}
