package io.soma.hub.flink.job;

import org.apache.flink.core.execution.CheckpointingMode;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * The analytics job: {@code soma.events} to per-minute counts in {@code soma.events.per-minute},
 * dead letters and late events in their topics, all written exactly once on checkpoints. Options:
 * see {@link JobSettings}.
 */
public final class EventCountJob {

  public static final String NAME = "soma-events-per-minute";

  private EventCountJob() {}

  public static void main(String[] args) throws Exception {
    JobSettings settings;
    try {
      settings = JobSettings.from(args, System.getenv());
    } catch (IllegalArgumentException e) {
      System.err.println("soma-events-per-minute: " + e.getMessage());
      System.exit(2);
      return;
    }
    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
    configure(env, settings);
    EventCountPipeline.build(
        env,
        KafkaConnectors.source(settings),
        KafkaConnectors.sinks(settings),
        settings.topology());
    env.execute(NAME);
  }

  /**
   * Exactly-once checkpoints: the Kafka sinks commit their transactions when a checkpoint
   * completes. Object reuse: no operator of the topology keeps or changes a record it was given
   * (they are immutable records), so chained operators may hand each record on instead of copying
   * it first.
   */
  public static void configure(StreamExecutionEnvironment env, JobSettings settings) {
    env.enableCheckpointing(
        settings.checkpointInterval().toMillis(), CheckpointingMode.EXACTLY_ONCE);
    env.getConfig().enableObjectReuse();
  }
}
