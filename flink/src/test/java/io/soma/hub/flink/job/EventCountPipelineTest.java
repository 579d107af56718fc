package io.soma.hub.flink.job;

import static io.soma.hub.flink.events.TestEvents.at;
import static org.assertj.core.api.Assertions.assertThat;

import io.soma.hub.flink.events.Json;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.connector.datagen.source.DataGeneratorSource;
import org.apache.flink.core.execution.CheckpointingMode;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

@DisplayName(
    "The job's pipeline: a source, the topology and three sinks, with exactly-once checkpoints on")
class EventCountPipelineTest {

  @RegisterExtension
  static final MiniClusterExtension CLUSTER =
      new MiniClusterExtension(
          new MiniClusterResourceConfiguration.Builder()
              .setNumberTaskManagers(1)
              .setNumberSlotsPerTaskManager(2)
              .build());

  private static final String STARTED = "io.soma.hub.session.started";

  @Test
  @DisplayName("counts, dead letters and late events each reach their own sink")
  void wiresEveryOutput(@TempDir Path out) throws Exception {
    JobSettings settings =
        JobSettings.from(
            new String[] {"--checkpoint-interval", "100 ms"},
            Map.of("HUB_KAFKA_BOOTSTRAP_SERVERS", "unused:9092"));
    List<String> records =
        new ArrayList<>(
            List.of(
                at("e1", "acme", STARTED, "10:00:01"),
                at("e2", "acme", STARTED, "10:00:02"),
                "{broken",
                at("e3", "acme", STARTED, "10:01:10"),
                at("late", "acme", STARTED, "10:00:03"),
                at("e2", "acme", STARTED, "10:00:02")));
    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
    env.setParallelism(1);
    EventCountJob.configure(env, settings);
    DataGeneratorSource<String> source =
        new DataGeneratorSource<>(
            index -> records.get(index.intValue()), records.size(), Types.STRING);
    PipelineSinks sinks =
        new PipelineSinks(
            new FileLinesSink(out, "counts"),
            new FileLinesSink(out, "dead"),
            new FileLinesSink(out, "late"));

    EventCountPipeline.build(env, source, sinks, settings.topology());
    env.execute("pipeline test");

    assertThat(env.getCheckpointConfig().getCheckpointingConsistencyMode())
        .isEqualTo(CheckpointingMode.EXACTLY_ONCE);
    assertThat(env.getCheckpointConfig().getCheckpointInterval()).isEqualTo(100);
    assertThat(env.getConfig().isObjectReuseEnabled()).isTrue();
    assertThat(FileLinesSink.lines(out, "counts"))
        .map(
            line ->
                Json.MAPPER.readTree(line).get("window_start").asText()
                    + "="
                    + Json.MAPPER.readTree(line).get("count").asLong())
        .containsExactlyInAnyOrder("2026-11-25T10:00:00Z=2", "2026-11-25T10:01:00Z=1");
    assertThat(FileLinesSink.lines(out, "dead"))
        .singleElement()
        .asString()
        .contains("\"reason\":\"not JSON\"");
    assertThat(FileLinesSink.lines(out, "late"))
        .singleElement()
        .asString()
        .contains("\"id\":\"late\"");
  }
}
