package io.soma.hub.knative.cli;

import io.fabric8.knative.serving.v1.Service;
import java.time.Duration;

/**
 * Polls a Service until the controller reports a condition True for its current generation: Ready after a deploy,
 * RoutesReady after a traffic change (a Service whose newest revision failed stays Ready=False even once its
 * traffic is rolled back to a good one). That condition False for the current generation (e.g. RevisionFailed, an
 * image that cannot be pulled) ends the wait at once with its reason; the timeout ends it with the last conditions.
 */
final class ReadinessWait {

  private final ServingApi api;
  private final Duration pollInterval;
  private final String condition;

  private ReadinessWait(ServingApi api, Duration pollInterval, String condition) {
    this.api = api;
    this.pollInterval = pollInterval;
    this.condition = condition;
  }

  static ReadinessWait ready(ServingApi api, Duration pollInterval) {
    return new ReadinessWait(api, pollInterval, "Ready");
  }

  static ReadinessWait routed(ServingApi api, Duration pollInterval) {
    return new ReadinessWait(api, pollInterval, "RoutesReady");
  }

  Service untilReady(String name, Duration timeout) {
    return untilReady(name, timeout, System.nanoTime() + timeout.toNanos());
  }

  /** @param deadline a {@link System#nanoTime()} shared by several Services deployed together */
  Service untilReady(String name, Duration timeout, long deadline) {
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
      if (System.nanoTime() >= deadline) {
        throw CliFailure.failed(name + " was not " + condition + " within " + human(timeout) + ": "
            + (ServiceConditions.observedCurrent(service)
                ? ServiceConditions.summary(service)
                : "the controller has not observed generation " + service.getMetadata().getGeneration()
                    + " yet; last status: " + ServiceConditions.summary(service)));
      }
      sleep();
    }
  }

  private void sleep() {
    try {
      Thread.sleep(pollInterval.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw CliFailure.failed("interrupted while waiting", e);
    }
  }

  static String human(Duration d) {
    if (d.toMillis() % 1000 != 0) {
      return d.toMillis() + "ms";
    }
    long s = d.toSeconds();
    return s % 60 == 0 ? (s / 60) + "m" : s + "s";
  }
}
