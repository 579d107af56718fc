package io.soma.hub.e2e.bench;

import static org.awaitility.Awaitility.await;

import io.soma.hub.e2e.support.LocalHub;
import io.soma.hub.e2e.support.PostgresServer;
import io.soma.hub.e2e.support.TemporalDevServer;
import io.soma.hub.e2e.support.TemporalServer;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The session benchmark against one hub store: starts the hub, warms both paths up, then runs the
 * measured rounds interleaved, each pair of rounds in the opposite order of the last (gateway, raw,
 * raw, gateway, ...) so that a drift over the run (the JIT still improving, the database growing)
 * favours neither path. Every round's workflows complete before the next round starts, so each
 * round begins on the same quiet hub and its completion time is its own.
 */
final class StoreRun {

  static final String H2 = "h2";
  static final String POSTGRES = "postgres";
  static final String GATEWAY = "gateway";
  static final String RAW = "raw";
  private static final Duration DRAIN_TIMEOUT = Duration.ofMinutes(10);

  /**
   * The outcome of one store's run.
   *
   * @param revision the code measured, as the hub started
   * @param workflows every session workflow started, warm-up included
   * @param failures starts that failed and workflows that did not complete
   * @param profile the JFR recording of the functions process, or null
   */
  record Result(
      String store,
      Revision revision,
      List<Round> gateway,
      List<Round> raw,
      int workflows,
      List<String> failures,
      Path profile,
      CompletionRun.Result completions) {}

  private record Measured(String path, Starts starts, CpuTimes.Delta cpu) {}

  private final BenchSettings settings;
  private final Path output;

  StoreRun(BenchSettings settings, Path output) {
    this.settings = settings;
    this.output = output;
  }

  Result measure(String store) {
    if (!H2.equals(store) && !POSTGRES.equals(store)) {
      throw new IllegalArgumentException(
          "unknown store " + store + "; bench.stores takes h2 and postgres");
    }
    PostgresServer postgres = POSTGRES.equals(store) ? PostgresServer.start() : null;
    try {
      LocalHub.Builder builder = LocalHub.builder();
      if (postgres != null) {
        builder.store(postgres);
      }
      if (!settings.hubJvmOptions().isEmpty()) {
        builder.env("JAVA_TOOL_OPTIONS", settings.hubJvmOptions());
      }
      if (settings.onServer()) {
        builder.temporal(
            () -> TemporalServer.start(TemporalServer.Security.PLAINTEXT, settings.shards()));
      }
      Revision revision = Revision.current();
      try (LocalHub hub = builder.start()) {
        for (int worker = 2; worker <= settings.workers(); worker++) {
          hub.startMoreWorkers("worker-" + worker);
        }
        return measure(store, revision, hub);
      }
    } finally {
      if (postgres != null) {
        postgres.close();
      }
    }
  }

  private Result measure(String store, Revision revision, LocalHub hub) {
    WorkflowServiceStubs stubs =
        WorkflowServiceStubs.newServiceStubs(
            WorkflowServiceStubsOptions.newBuilder().setTarget(hub.temporal().address()).build());
    try (ClosedLoop loop = new ClosedLoop(settings.concurrency())) {
      WorkflowClient client =
          WorkflowClient.newInstance(
              stubs,
              WorkflowClientOptions.newBuilder().setNamespace(hub.temporal().namespace()).build());
      var caller =
          hub.gateway()
              .as(
                  hub.tokens()
                      .mint(SessionLoad.TENANT, SessionLoad.SUBJECT, SessionLoad.CAPABILITY));
      Map<String, ClosedLoop.Start> paths =
          Map.of(
              GATEWAY,
              GatewaySessions.starting(caller, store),
              RAW,
              RawStarts.starting(client, store));
      Map<String, ClosedLoop.Start> repeaters =
          Map.of(
              GATEWAY,
              GatewaySessions.repeating(caller, store),
              RAW,
              RawStarts.repeating(client, store));
      WorkflowCloses closes = new WorkflowCloses(client);
      CpuTimes cpu = cpuTimes(hub);
      List<String> failures = new ArrayList<>();
      Set<String> started = new LinkedHashSet<>();

      say(
          store,
          "warming up: per path "
              + settings.warmup()
              + " sessions, then "
              + settings.warmupRepeats()
              + " idempotent repeats");
      for (String path : List.of(GATEWAY, RAW)) {
        for (Starts warmup :
            List.of(
                loop.run(path, settings.warmup(), paths.get(path)),
                loop.run(path, settings.warmupRepeats(), repeaters.get(path)))) {
          started.addAll(warmup.workflowIds());
          failures.addAll(warmup.failures());
        }
      }
      drain(closes, started.size());

      FlightRecording recording =
          settings.profile()
              ? FlightRecording.start(
                  hub.functions().pid(), output.resolve("functions-" + store + ".jfr"))
              : null;
      List<Measured> measured = new ArrayList<>();
      for (int round = 1; round <= settings.rounds(); round++) {
        List<String> order = round % 2 == 1 ? List.of(GATEWAY, RAW) : List.of(RAW, GATEWAY);
        for (String path : order) {
          CpuTimes.Snapshot before = cpu.snapshot();
          Starts starts = loop.run(path, settings.perRound(), paths.get(path));
          CpuTimes.Delta used = cpu.since(before);
          started.addAll(starts.workflowIds());
          failures.addAll(starts.failures());
          measured.add(new Measured(path, starts, used));
          say(
              store,
              String.format(
                  "round %2d %-7s %6.1f starts/s, other load %.1f cores",
                  round, path, starts.perSecond(), used.otherCores()));
          drain(closes, started.size());
        }
      }
      Path profile = recording == null ? null : recording.stop();

      Map<String, WorkflowCloses.Close> all = closes.all();
      List<Round> gatewayRounds = new ArrayList<>();
      List<Round> rawRounds = new ArrayList<>();
      for (Measured m : measured) {
        Round round = new Round(m.path(), m.starts(), m.cpu(), untilAllClosed(m.starts(), all));
        (m.path().equals(GATEWAY) ? gatewayRounds : rawRounds).add(round);
      }
      for (String id : started) {
        WorkflowCloses.Close close = all.get(id);
        if (close == null
            || close.status() != WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_COMPLETED) {
          failures.add(id + " ended " + (close == null ? "unseen" : close.status()));
        }
      }
      CompletionRun.Result completions =
          new CompletionRun(settings, store)
              .measure(hub.temporal().address(), hub.temporal().namespace(), client, caller);
      failures.addAll(completions.failures());
      return new Result(
          store,
          revision,
          gatewayRounds,
          rawRounds,
          started.size(),
          failures,
          profile,
          completions);
    } finally {
      stubs.shutdown();
    }
  }

  private static Duration untilAllClosed(Starts starts, Map<String, WorkflowCloses.Close> closes) {
    Instant last =
        starts.workflowIds().stream()
            .map(closes::get)
            .filter(Objects::nonNull)
            .map(WorkflowCloses.Close::closedAt)
            .filter(Objects::nonNull)
            .max(Instant::compareTo)
            .orElse(starts.startedAt());
    return Duration.between(starts.startedAt(), last);
  }

  private static void drain(WorkflowCloses closes, long started) {
    await("all " + started + " session workflows closed")
        .atMost(DRAIN_TIMEOUT)
        .pollDelay(Duration.ZERO)
        .pollInterval(Duration.ofMillis(100))
        .until(() -> closes.closedCount() >= started);
  }

  private static CpuTimes cpuTimes(LocalHub hub) {
    Map<String, ProcessHandle> processes = new LinkedHashMap<>();
    processes.put("functions", ProcessHandle.of(hub.functions().pid()).orElseThrow());
    processes.put("worker", ProcessHandle.of(hub.worker().pid()).orElseThrow());
    processes.put(
        "temporal",
        (hub.temporal() instanceof TemporalDevServer dev
                ? CpuTimes.descendant("start-dev", "--port " + dev.port())
                : CpuTimes.descendant("temporal-server", "start"))
            .orElseThrow(() -> new IllegalStateException("no Temporal server process found")));
    processes.put("client", ProcessHandle.current());
    return new CpuTimes(processes);
  }

  private static void say(String store, String message) {
    System.out.println("bench [" + store + "] " + message);
  }
}
