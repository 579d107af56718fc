package io.soma.hub.knative.cli;

import io.fabric8.knative.serving.v1.Service;
import java.io.PrintStream;
import java.time.Duration;

/**
 * Polls a Service until the controller reports a condition True for its current generation: Ready
 * after a deploy, RoutesReady after a traffic change (a Service whose newest revision failed stays
 * Ready=False even once its traffic is rolled back to a good one). That condition False for the
 * current generation (e.g. RevisionFailed, an image that cannot be pulled) ends the wait at once
 * with its reason; the timeout ends it with the last conditions. While it waits it prints what it
 * waits for whenever that changes, and every {@link #PROGRESS_EVERY} otherwise.
 */
final class ReadinessWait {

  static final Duration PROGRESS_EVERY = Duration.ofSeconds(15);

  private final ServingApi api;
  private final Duration pollInterval;
  private final String condition;
  private final PrintStream progress;

  private ReadinessWait(
      ServingApi api, Duration pollInterval, String condition, PrintStream progress) {
    this.api = api;
    this.pollInterval = pollInterval;
    this.condition = condition;
    this.progress = progress;
  }

  static ReadinessWait ready(ServingApi api, Duration pollInterval, PrintStream progress) {
    return new ReadinessWait(api, pollInterval, "Ready", progress);
  }

  static ReadinessWait routed(ServingApi api, Duration pollInterval, PrintStream progress) {
    return new ReadinessWait(api, pollInterval, "RoutesReady", progress);
  }

  Service untilReady(String name, Duration timeout) {
    return untilReady(name, timeout, System.nanoTime() + timeout.toNanos());
  }

  /**
   * @param deadline a {@link System#nanoTime()} shared by several Services deployed together
   */
  Service untilReady(String name, Duration timeout, long deadline) {
    long start = System.nanoTime();
    String shown = null;
    long shownAt = 0;
    while (true) {
      Service service = api.find(name);
      if (service == null) {
        throw CliFailure.failed(name + " was deleted while waiting for " + condition + "=True");
      }
      if (ServiceConditions.observedCurrent(service)) {
        String ready = ServiceConditions.status(service, condition);
        if ("True".equals(ready)) {
          return service;
        }
        if ("False".equals(ready)) {
          throw CliFailure.failed(name + " failed: " + ServiceConditions.summary(service));
        }
      }
      String state = state(service);
      long now = System.nanoTime();
      if (now >= deadline) {
        throw CliFailure.failed(
            name
                + " was not "
                + condition
                + " within "
                + human(timeout)
                + " (waited for "
                + condition
                + "=True of generation "
                + service.getMetadata().getGeneration()
                + "): "
                + state);
      }
      if (!state.equals(shown) || now - shownAt >= PROGRESS_EVERY.toNanos()) {
        progress.println(
            "waiting for "
                + name
                + " "
                + condition
                + " ("
                + human(
                    Duration.ofNanos(now - start)
                        .truncatedTo(java.time.temporal.ChronoUnit.SECONDS))
                + "): "
                + state);
        shown = state;
        shownAt = now;
      }
      pause(pollInterval, name);
    }
  }

  private static String state(Service service) {
    return ServiceConditions.observedCurrent(service)
        ? ServiceConditions.summary(service)
        : "the controller has not observed generation "
            + service.getMetadata().getGeneration()
            + " yet; last status: "
            + ServiceConditions.summary(service);
  }

  /** The pause between two polls of a wait for {@code what}; an interrupt ends the command. */
  static void pause(Duration pollInterval, String what) {
    try {
      Thread.sleep(pollInterval.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw CliFailure.failed("interrupted while waiting for " + what, e);
    }
  }

  static String human(Duration d) {
    if (d.toMillis() % 1000 != 0) {
      return d.toMillis() + "ms";
    }
    long s = d.toSeconds();
    return s % 60 == 0 && s > 0 ? (s / 60) + "m" : s + "s";
  }
}
