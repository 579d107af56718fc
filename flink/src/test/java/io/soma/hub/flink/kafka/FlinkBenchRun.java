package io.soma.hub.flink.kafka;

import io.soma.hub.flink.job.JobSettings;
import io.soma.hub.flink.job.KafkaConnectors;
import io.soma.hub.testing.kafka.KafkaBroker;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.runtime.checkpoint.CheckpointStatsCounts;
import org.apache.flink.runtime.executiongraph.AccessExecutionGraph;
import org.apache.flink.runtime.executiongraph.ErrorInfo;
import org.apache.flink.runtime.minicluster.MiniCluster;

/**
 * One run of the job over the whole benchmark topic: the shipped job (its topology, exactly-once
 * Kafka sinks and checkpoints at its default interval) with its source bounded to the topic's end
 * offsets at the start, read from the beginning, so the job finishes when it has counted everything
 * and committed the counts.
 */
final class FlinkBenchRun {

  /**
   * The job's default; the run is shorter, so the final checkpoint at the end of the input commits
   * the counts.
   */
  private static final String CHECKPOINT_INTERVAL = "30 s";

  private FlinkBenchRun() {}

  /**
   * Times from submission to the job's end (startup and the final checkpoint included); counts as
   * committed.
   */
  static BenchRun run(
      KafkaBroker kafka,
      String input,
      String prefix,
      int parallelism,
      long events,
      Path checkpoints,
      MiniCluster cluster)
      throws Exception {
    JobTopics topics = JobTopics.outputs(kafka, prefix, input);
    JobSettings settings = topics.settings(kafka, CHECKPOINT_INTERVAL);
    KafkaSource<String> bounded =
        KafkaConnectors.sourceBuilder(settings)
            .setStartingOffsets(OffsetsInitializer.earliest())
            .setBounded(OffsetsInitializer.latest())
            .build();
    long start = System.nanoTime();
    long cpuStart = BenchRun.processCpuNanos();
    JobClient job =
        KafkaPipelineJob.start(settings, bounded, parallelism, checkpoints, Optional.empty());
    job.getJobExecutionResult().get();
    double seconds = (System.nanoTime() - start) / 1e9;
    double cpuSeconds = (BenchRun.processCpuNanos() - cpuStart) / 1e9;
    printCheckpointsAndRestarts(prefix, cluster.getExecutionGraph(job.getJobID()).get());
    // Settled: the last commit's markers may still be on their way when the job ends.
    List<String> counts =
        CommittedRecords.settled(kafka.bootstrapServers(), topics.counts()).stream()
            .map(CommittedRecords::countLine)
            .toList();
    List<String> uncounted =
        new ArrayList<>(CommittedRecords.settled(kafka.bootstrapServers(), topics.late()));
    uncounted.addAll(CommittedRecords.settled(kafka.bootstrapServers(), topics.deadLetters()));
    return new BenchRun(events, seconds, cpuSeconds, counts, uncounted);
  }

  /**
   * How many checkpoints completed or failed, and whether the job restarted: a count check that
   * fails after a restart points at recovery, not at the counting.
   */
  private static void printCheckpointsAndRestarts(String run, AccessExecutionGraph graph) {
    CheckpointStatsCounts checkpoints = graph.getCheckpointStatsSnapshot().getCounts();
    ErrorInfo failure = graph.getFailureInfo();
    System.out.printf(
        Locale.ROOT,
        "%s: %d checkpoints completed, %d failed; restarted: %s%n",
        run,
        checkpoints.getNumberOfCompletedCheckpoints(),
        checkpoints.getNumberOfFailedCheckpoints(),
        graph.getStatusTimestamp(JobStatus.RESTARTING) > 0
            ? "yes, last failure " + (failure == null ? "unknown" : failure.getExceptionAsString())
            : "no");
  }
}
