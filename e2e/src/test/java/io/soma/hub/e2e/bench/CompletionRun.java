package io.soma.hub.e2e.bench;

import io.soma.hub.e2e.support.HubProcess;
import io.soma.hub.e2e.support.JsonHttp;
import io.soma.hub.testing.cluster.Ports;
import io.temporal.client.WorkflowClient;
import java.net.URI;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Sessions completed through the gateway against {@link MinimalWorkflow} on the same Temporal
 * server (issue 16): the baseline's worker runs as a process of its own with the hub's JVM options,
 * both paths are warmed up, then measured in interleaved rounds of closed-loop completions (each
 * pair of rounds in the opposite order of the last), then one at a time for the latency a single
 * user sees.
 */
final class CompletionRun {

  /**
   * @param gateway the gateway's rounds: each start's latency is POST to result
   * @param minimal the baseline's rounds: start to result
   * @param gatewaySingles POST-to-result of sessions run one at a time, nanoseconds
   * @param minimalSingles start-to-result of baseline workflows run one at a time, nanoseconds
   */
  record Result(
      List<Starts> gateway,
      List<Starts> minimal,
      long[] gatewaySingles,
      long[] minimalSingles,
      List<String> failures) {}

  private final BenchSettings settings;
  private final String label;

  CompletionRun(BenchSettings settings, String label) {
    this.settings = settings;
    this.label = label;
  }

  Result measure(String temporalAddress, String namespace, WorkflowClient client, JsonHttp caller) {
    try (HubProcess worker = minimalWorker(temporalAddress, namespace).start();
        ClosedLoop loop = new ClosedLoop(settings.concurrency())) {
      Map<String, ClosedLoop.Start> paths =
          Map.of(
              Completions.GATEWAY, Completions.gateway(caller, client, label),
              Completions.MINIMAL, Completions.minimal(client, label));
      List<String> failures = new ArrayList<>();
      say("warming up: " + settings.completionWarmup() + " completions per path");
      for (String path : List.of(Completions.GATEWAY, Completions.MINIMAL)) {
        failures.addAll(loop.run(path, settings.completionWarmup(), paths.get(path)).failures());
      }
      List<Starts> gateway = new ArrayList<>();
      List<Starts> minimal = new ArrayList<>();
      for (int round = 1; round <= settings.completionRounds(); round++) {
        List<String> order =
            round % 2 == 1
                ? List.of(Completions.GATEWAY, Completions.MINIMAL)
                : List.of(Completions.MINIMAL, Completions.GATEWAY);
        for (String path : order) {
          Starts completed = loop.run(path, settings.completionsPerRound(), paths.get(path));
          failures.addAll(completed.failures());
          (path.equals(Completions.GATEWAY) ? gateway : minimal).add(completed);
          say(
              String.format(
                  "completion round %d %-7s %6.1f completed/s",
                  round, path, completed.perSecond()));
        }
      }
      long[] gatewaySingles = new long[settings.singles()];
      long[] minimalSingles = new long[settings.singles()];
      for (int i = 0; i < settings.singles(); i++) {
        boolean gatewayFirst = i % 2 == 0;
        for (String path :
            gatewayFirst
                ? List.of(Completions.GATEWAY, Completions.MINIMAL)
                : List.of(Completions.MINIMAL, Completions.GATEWAY)) {
          long began = System.nanoTime();
          try {
            paths.get(path).start(1_000_000 + i);
          } catch (Exception e) {
            failures.add(path + " single #" + i + ": " + e);
          }
          (path.equals(Completions.GATEWAY) ? gatewaySingles : minimalSingles)[i] =
              System.nanoTime() - began;
        }
      }
      return new Result(
          List.copyOf(gateway), List.copyOf(minimal), gatewaySingles, minimalSingles, failures);
    }
  }

  private HubProcess minimalWorker(String temporalAddress, String namespace) {
    int port = Ports.free();
    Map<String, String> environment = new HashMap<>();
    environment.put("TEMPORAL_ADDRESS", temporalAddress);
    environment.put("TEMPORAL_NAMESPACE", namespace);
    environment.put("PORT", Integer.toString(port));
    if (!settings.hubJvmOptions().isEmpty()) {
      environment.put("JAVA_TOOL_OPTIONS", settings.hubJvmOptions());
    }
    return HubProcess.java(
        "minimal-worker",
        List.of("-cp", System.getProperty("java.class.path"), MinimalWorkerMain.class.getName()),
        environment,
        URI.create("http://127.0.0.1:" + port + "/health/readiness"));
  }

  private void say(String message) {
    System.out.println("bench [" + label + "] " + message);
  }
}
