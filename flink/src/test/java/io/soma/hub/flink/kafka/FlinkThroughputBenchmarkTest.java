package io.soma.hub.flink.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import io.soma.hub.testing.kafka.KafkaBroker;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import org.apache.flink.runtime.minicluster.MiniCluster;
import org.apache.flink.test.junit5.InjectMiniCluster;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ./hub bench flink}: events per second through the job on a MiniCluster reading a real
 * broker's topic from its beginning to its end, against one plain Kafka consumer thread that parses
 * and counts the same topic in a HashMap ({@link RawCounter}). A warm-up run of each, then
 * interleaved rounds (Flink, raw, raw, Flink, ...); the ratio is of the medians. Both must find the
 * same counts; the speed is reported, never asserted.
 */
@Tag("bench")
class FlinkThroughputBenchmarkTest {

  @RegisterExtension static final MiniClusterExtension CLUSTER = KafkaPipelineJob.miniCluster();
  @RegisterExtension static final KafkaBrokerExtension KAFKA = new KafkaBrokerExtension();

  // Two million: the job's fixed cost (submission, deployment, the final checkpoint; about 2.5 s
  // here) is a small
  // part of a run.
  private static final int EVENTS = Integer.getInteger("bench.flink.events", 2_000_000);
  private static final int ROUNDS = Integer.getInteger("bench.flink.rounds", 3);
  // The job's code paths take longer to compile than the raw loop's: its rate still rose by half
  // from the first
  // warm-up run to the second.
  private static final int WARM_UPS = Integer.getInteger("bench.flink.warmups", 2);
  private static final int PARALLELISM =
      Integer.getInteger("bench.flink.parallelism", KafkaPipelineJob.PARALLELISM);
  // One partition per source subtask: the job assigns event time after parsing, per subtask, so a
  // subtask reading
  // two partitions of a backlog at different speeds would make the slower one's events late (see
  // docs/flink.md).
  private static final int PARTITIONS = Integer.getInteger("bench.flink.partitions", PARALLELISM);
  private static final String INPUT = "bench.events";

  @Test
  void flinkJobAgainstOnePlainConsumer(
      @TempDir Path checkpoints, @InjectMiniCluster MiniCluster cluster) throws Exception {
    String loadBefore = LoadAverage.now();
    KafkaBroker kafka = KAFKA.broker();
    kafka.createTopic(INPUT, PARTITIONS);
    long fillStart = System.nanoTime();
    BenchEvents.fill(kafka.bootstrapServers(), INPUT, PARTITIONS, EVENTS);
    double fillSeconds = (System.nanoTime() - fillStart) / 1e9;

    BenchRun firstRaw = RawCounter.count(kafka.bootstrapServers(), INPUT);
    print("raw", "warm-up-1", firstRaw);
    assertThat(firstRaw.events()).isEqualTo(EVENTS);
    List<String> expected = firstRaw.countLines();
    for (int warmUp = 1; warmUp <= WARM_UPS; warmUp++) {
      if (warmUp > 1) {
        print("raw", "warm-up-" + warmUp, RawCounter.count(kafka.bootstrapServers(), INPUT));
      }
      flink(kafka, "warm-up-" + warmUp, checkpoints, expected, cluster);
    }

    FlinkBenchReport report =
        new FlinkBenchReport(
            List.of(
                String.format(
                    Locale.ROOT,
                    "Input: %,d CloudEvents (%d tenants, %d types, 30 minutes of event time) in %d"
                        + " partitions of one local KRaft broker (Kafka 4.2, own JVM, -Xmx512m), filled in %.1f s",
                    EVENTS,
                    BenchEvents.TENANTS.size(),
                    BenchEvents.TYPES.size(),
                    PARTITIONS,
                    fillSeconds),
                String.format(
                    Locale.ROOT,
                    "Flink: the shipped pipeline (parse, event time, one exchange by tenant and type,"
                        + " dedup by id, 1-minute windows, exactly-once Kafka sinks, checkpoints every 30 s) at parallelism %d on a MiniCluster, source bounded"
                        + " to the end offsets; time from submission to the job's end",
                    PARALLELISM),
                "Raw: one KafkaConsumer thread, the job's parser (Jackson tokens), a HashMap per tenant, type and minute; time"
                    + " from creating the consumer to the last count",
                String.format(
                    Locale.ROOT,
                    "%d interleaved rounds per path after %d warm-up runs each; %d CPUs, %s %s",
                    ROUNDS,
                    WARM_UPS,
                    Runtime.getRuntime().availableProcessors(),
                    System.getProperty("java.vm.name"),
                    System.getProperty("java.runtime.version"))));
    for (int round = 1; round <= ROUNDS; round++) {
      boolean flinkFirst = round % 2 == 1;
      if (flinkFirst) {
        report.flink(flink(kafka, "round-" + round, checkpoints, expected, cluster));
      }
      BenchRun raw = RawCounter.count(kafka.bootstrapServers(), INPUT);
      print("raw", "round-" + round, raw);
      assertThat(raw.countLines()).containsExactlyInAnyOrderElementsOf(expected);
      report.raw(raw);
      if (!flinkFirst) {
        report.flink(flink(kafka, "round-" + round, checkpoints, expected, cluster));
      }
    }
    report.note(
        "Load average (1, 5, 15 min) of the machine before the run and after it: "
            + loadBefore
            + " and "
            + LoadAverage.now()
            + " (other builds on the machine slow both paths, unevenly)");
    report.write(
        Path.of("target/bench/flink-ratio"),
        Path.of("").toAbsolutePath().getParent().resolve("docs/benchmarks.md"));
  }

  /** A run of the job on its own output topics; its committed counts must be the raw consumer's. */
  private static BenchRun flink(
      KafkaBroker kafka, String run, Path checkpoints, List<String> expected, MiniCluster cluster)
      throws Exception {
    BenchRun result =
        FlinkBenchRun.run(
            kafka, INPUT, "bench-" + run, PARALLELISM, EVENTS, checkpoints.resolve(run), cluster);
    print("flink", run, result);
    if (!result.uncounted().isEmpty()) {
      Path file = Path.of("target/bench/uncounted-" + run + ".jsonl");
      Files.createDirectories(file.getParent());
      Files.write(file, result.uncounted());
      throw new AssertionError(
          String.format(
              Locale.ROOT,
              "the job did not count %d events (late or dead letters,"
                  + " all in %s), the first: %s",
              result.uncounted().size(),
              file,
              result.uncounted().get(0)));
    }
    if (!new HashSet<>(result.countLines()).equals(new HashSet<>(expected))
        || result.countLines().size() != expected.size()) {
      // Where each count record sits in the topic and when it was produced: tells a record written
      // twice by one transaction from two transactions, or from a count emitted twice.
      Path file = Path.of("target/bench/counts-" + run + ".txt");
      Files.createDirectories(file.getParent());
      Files.write(
          file,
          CommittedRecords.records(kafka.bootstrapServers(), "bench-" + run + ".per-minute")
              .stream()
              .map(record -> record.offset() + " " + record.timestamp() + " " + record.value())
              .toList());
      System.out.println("the job's committed counts differ; every count record is in " + file);
    }
    assertThat(result.countLines())
        .as("the job's committed counts")
        .containsExactlyInAnyOrderElementsOf(expected);
    return result;
  }

  private static void print(String path, String name, BenchRun run) {
    System.out.printf(
        Locale.ROOT,
        "%s %s: %,.0f events/s (%.1f s, %.1f µs CPU of the test JVM per event)%n",
        path,
        name,
        run.eventsPerSecond(),
        run.seconds(),
        run.cpuMicrosPerEvent());
  }
}
