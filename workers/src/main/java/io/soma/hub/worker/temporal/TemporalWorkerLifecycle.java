package io.soma.hub.worker.temporal;

import io.grpc.StatusRuntimeException;
import io.temporal.worker.WorkerFactory;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Owns the worker factory: registers the features, connects in the background (retrying until
 * Temporal is reachable, so a worker started before its Temporal service simply waits), and on stop
 * lets in-flight tasks finish before returning, so SIGTERM drains instead of abandoning work.
 *
 * <p>It stops first and starts last of the context's lifecycles, so the management port keeps
 * answering probes and scrapes while the worker drains.
 */
public class TemporalWorkerLifecycle implements SmartLifecycle {

  public static final int PHASE = SmartLifecycle.DEFAULT_PHASE;

  private static final Logger log = LoggerFactory.getLogger(TemporalWorkerLifecycle.class);
  private static final Duration FIRST_RETRY = Duration.ofSeconds(1);

  private final WorkerFactory factory;
  private final List<WorkerRegistration> registrations;
  private final TemporalProperties properties;
  private final ScheduledExecutorService connector =
      Executors.newSingleThreadScheduledExecutor(
          task -> {
            Thread thread = new Thread(task, "temporal-connector");
            thread.setDaemon(true);
            return thread;
          });

  private boolean registered;
  private volatile boolean running;
  private volatile boolean connected;
  private volatile String lastError;
  private int failedAttempts;

  public TemporalWorkerLifecycle(
      WorkerFactory factory,
      List<WorkerRegistration> registrations,
      TemporalProperties properties) {
    this.factory = factory;
    this.registrations = List.copyOf(registrations);
    this.properties = properties;
  }

  @Override
  public synchronized void start() {
    if (running) {
      return;
    }
    if (!registered) {
      registrations.forEach(registration -> registration.registerOn(factory));
      registered = true;
    }
    running = true;
    log.info(
        "Connecting to Temporal at {} (namespace {})",
        properties.address(),
        properties.namespace());
    connector.execute(this::connect);
  }

  private void connect() {
    if (!running) {
      return;
    }
    try {
      factory.start();
      connected = true;
      lastError = null;
      log.info(
          "Worker connected to Temporal at {} (namespace {}) and polling",
          properties.address(),
          properties.namespace());
    } catch (RuntimeException e) {
      if (!running) {
        return;
      }
      lastError = describe(e);
      Duration retryIn = backoff(++failedAttempts);
      log.warn(
          "Temporal at {} (namespace {}) is not reachable yet, attempt {}: {}. Retrying in {} s; readiness stays DOWN",
          properties.address(),
          properties.namespace(),
          failedAttempts,
          lastError,
          retryIn.toSeconds());
      try {
        connector.schedule(this::connect, retryIn.toMillis(), TimeUnit.MILLISECONDS);
      } catch (RejectedExecutionException stopping) {
        // stop() won the race; nothing left to retry.
      }
    }
  }

  @Override
  public synchronized void stop() {
    if (!running) {
      return;
    }
    running = false;
    connected = false;
    connector.shutdownNow();
    Duration drain = properties.drainTimeout();
    log.info(
        "Stopping the Temporal worker; waiting up to {} s for in-flight tasks", drain.toSeconds());
    factory.shutdown();
    factory.awaitTermination(drain.toMillis(), TimeUnit.MILLISECONDS);
    log.info(
        "Temporal worker stopped{}",
        factory.isTerminated() ? "" : " with tasks still running after the drain timeout");
  }

  @Override
  public boolean isRunning() {
    return running;
  }

  @Override
  public int getPhase() {
    return PHASE;
  }

  public boolean isConnected() {
    return connected;
  }

  public Optional<String> lastError() {
    return Optional.ofNullable(lastError);
  }

  private Duration backoff(int attempt) {
    long seconds = FIRST_RETRY.toSeconds() << Math.min(attempt - 1, 10);
    Duration delay = Duration.ofSeconds(seconds);
    return delay.compareTo(properties.maxConnectBackoff()) > 0
        ? properties.maxConnectBackoff()
        : delay;
  }

  private static String describe(RuntimeException e) {
    if (e instanceof StatusRuntimeException status) {
      return status.getStatus().getCode()
          + " "
          + Optional.ofNullable(status.getStatus().getDescription()).orElse("");
    }
    return e.toString();
  }
}
