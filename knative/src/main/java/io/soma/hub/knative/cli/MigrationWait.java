package io.soma.hub.knative.cli;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobCondition;
import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Waits until the schema migration Jobs a deploy applied are Complete, before the functions and the
 * worker (which refuse to start on a schema behind them) are applied. A Job that failed ends the
 * deploy with its reason.
 */
final class MigrationWait implements Deployer.JobWait {

  private final ServingApi api;
  private final Duration timeout;
  private final Duration pollInterval;
  private final PrintStream out;

  MigrationWait(ServingApi api, Duration timeout, Duration pollInterval, PrintStream out) {
    this.api = api;
    this.timeout = timeout;
    this.pollInterval = pollInterval;
    this.out = out;
  }

  @Override
  public void untilComplete(List<String> jobs) {
    long deadline = System.nanoTime() + timeout.toNanos();
    for (String name : jobs) {
      out.println("waiting for Job " + name + " (the schema's migration) to complete");
      while (true) {
        Job job =
            api.kubernetes().batch().v1().jobs().inNamespace(api.namespace()).withName(name).get();
        if (job == null) {
          throw CliFailure.failed(
              "Job " + name + " disappeared while waiting for it; the functions were not applied");
        }
        if (condition(job, "Complete").isPresent()) {
          out.println("Job " + name + " complete");
          break;
        }
        Optional<JobCondition> failed = condition(job, "Failed");
        if (failed.isPresent()) {
          throw CliFailure.failed(
              "Job "
                  + name
                  + " failed ("
                  + failed.get().getReason()
                  + ": "
                  + failed.get().getMessage()
                  + "); the functions and the worker were not applied; its log: kubectl -n "
                  + api.namespace()
                  + " logs job/"
                  + name);
        }
        if (System.nanoTime() >= deadline) {
          throw CliFailure.failed(
              "Job "
                  + name
                  + " did not complete within "
                  + ReadinessWait.human(timeout)
                  + "; the functions and the worker were not applied; "
                  + PodStates.describe(pods(name))
                  + "; its log: kubectl -n "
                  + api.namespace()
                  + " logs job/"
                  + name);
        }
        ReadinessWait.pause(pollInterval, "Job " + name);
      }
    }
  }

  private List<Pod> pods(String job) {
    return api.kubernetes()
        .pods()
        .inNamespace(api.namespace())
        .withLabel("job-name", job)
        .list()
        .getItems();
  }

  private static Optional<JobCondition> condition(Job job, String type) {
    if (job.getStatus() == null || job.getStatus().getConditions() == null) {
      return Optional.empty();
    }
    return job.getStatus().getConditions().stream()
        .filter(c -> type.equals(c.getType()) && "True".equals(c.getStatus()))
        .findFirst();
  }
}
