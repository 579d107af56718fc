package io.soma.hub.knative.cli;

import io.fabric8.knative.serving.v1.Service;
import java.time.Duration;

/**
 * Polls a Service until the controller reports it Ready for its current generation. A Ready=False for the current
 * generation (e.g. RevisionFailed, an image that cannot be pulled) ends the wait at once with its reason; the
 * timeout ends it with the last conditions seen.
 */
final class ReadinessWait {

  private final ServingApi api;
  private final Duration pollInterval;

  ReadinessWait(ServingApi api, Duration pollInterval) {
    this.api = api;
    this.pollInterval = pollInterval;
  }

  Service untilReady(String name, Duration timeout) {
    return untilReady(name, timeout, System.nanoTime() + timeout.toNanos());
  }

  /** @param deadline a {@link System#nanoTime()} shared by several Services deployed together */
  Service untilReady(String name, Duration timeout, long deadline) {
    while (true) {
      Service service = api.find(name);
      if (service == null) {
        throw CliFailure.failed(name + " was deleted while waiting for it to become Ready");
      }
      if (ServiceConditions.observedCurrent(service)) {
        String ready = ServiceConditions.ready(service);
        if ("True".equals(ready)) {
          return service;
        }
        if ("False".equals(ready)) {
          throw CliFailure.failed(name + " failed: " + ServiceConditions.summary(service));
        }
      }
      if (System.nanoTime() >= deadline) {
        throw CliFailure.failed(name + " was not Ready within " + human(timeout) + ": "
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
