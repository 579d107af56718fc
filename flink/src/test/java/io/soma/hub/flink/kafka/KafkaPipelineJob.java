package io.soma.hub.flink.kafka;

import io.soma.hub.flink.job.EventCountJob;
import io.soma.hub.flink.job.EventCountPipeline;
import io.soma.hub.flink.job.JobSettings;
import io.soma.hub.flink.job.KafkaConnectors;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Optional;
import java.util.stream.Stream;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.ExternalizedCheckpointRetention;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.runtime.jobgraph.SavepointRestoreSettings;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.graph.StreamGraph;
import org.apache.flink.test.junit5.MiniClusterExtension;

/**
 * The job as {@link EventCountJob#main} builds it (Kafka source, exactly-once Kafka sinks,
 * exactly-once checkpoints), submitted to the test's MiniCluster with its checkpoints in a
 * directory and kept when the job is cancelled, so that a later job can restore from them as the
 * cluster's operator would.
 */
final class KafkaPipelineJob {

  static final int PARALLELISM = 2;

  private KafkaPipelineJob() {}

  /** A MiniCluster with a slot for each parallel subtask (one task manager, slot sharing). */
  static MiniClusterExtension miniCluster() {
    return new MiniClusterExtension(
        new MiniClusterResourceConfiguration.Builder()
            .setNumberTaskManagers(1)
            .setNumberSlotsPerTaskManager(PARALLELISM)
            .build());
  }

  static JobClient start(JobSettings settings, Path checkpoints, Optional<Path> restoreFrom)
      throws Exception {
    return start(settings, KafkaConnectors.source(settings), PARALLELISM, checkpoints, restoreFrom);
  }

  /** The same with another source (a bounded one for a benchmark) and parallelism. */
  static JobClient start(
      JobSettings settings,
      Source<String, ?, ?> source,
      int parallelism,
      Path checkpoints,
      Optional<Path> restoreFrom)
      throws Exception {
    Configuration config = new Configuration();
    config.set(CheckpointingOptions.CHECKPOINT_STORAGE, "filesystem");
    config.set(CheckpointingOptions.CHECKPOINTS_DIRECTORY, checkpoints.toUri().toString());
    config.set(
        CheckpointingOptions.EXTERNALIZED_CHECKPOINT_RETENTION,
        ExternalizedCheckpointRetention.RETAIN_ON_CANCELLATION);
    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(config);
    env.setParallelism(parallelism);
    EventCountJob.configure(env, settings);
    EventCountPipeline.build(env, source, KafkaConnectors.sinks(settings), settings.topology());
    StreamGraph graph = env.getStreamGraph();
    restoreFrom.ifPresent(
        checkpoint ->
            graph.setSavepointRestoreSettings(
                SavepointRestoreSettings.forPath(checkpoint.toString())));
    return env.executeAsync(graph);
  }

  /**
   * The newest completed checkpoint under the directory ({@code <job id>/chk-<n>} with its
   * metadata), if any.
   */
  static Optional<Path> latestCheckpoint(Path checkpoints) {
    if (!Files.isDirectory(checkpoints)) {
      return Optional.empty();
    }
    try (Stream<Path> files = Files.walk(checkpoints, 3)) {
      return files
          .filter(file -> file.getFileName().toString().equals("_metadata"))
          .map(Path::getParent)
          .filter(dir -> dir.getFileName().toString().startsWith("chk-"))
          .max(
              Comparator.comparingLong(
                  dir -> Long.parseLong(dir.getFileName().toString().substring(4))));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
