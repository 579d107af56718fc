package io.soma.hub.flink.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@DisplayName("JobSettings: arguments, then environment, then defaults; bad values named")
class JobSettingsTest {

  private static final Map<String, String> BROKER =
      Map.of("HUB_KAFKA_BOOTSTRAP_SERVERS", "kafka:9092");

  @Test
  @DisplayName("the defaults are the SPEC's topics and bounded timings")
  void defaults() {
    JobSettings settings = JobSettings.from(new String[0], BROKER);

    assertThat(settings.bootstrapServers()).isEqualTo("kafka:9092");
    assertThat(settings.inputTopic()).isEqualTo("soma.events");
    assertThat(settings.countsTopic()).isEqualTo("soma.events.per-minute");
    assertThat(settings.deadLetterTopic()).isEqualTo("soma.events.dead-letter");
    assertThat(settings.lateTopic()).isEqualTo("soma.events.late");
    assertThat(settings.checkpointInterval()).isEqualTo(Duration.ofSeconds(30));
    assertThat(settings.transactionTimeout()).isEqualTo(Duration.ofMinutes(10));
    assertThat(settings.topology().outOfOrderness()).isEqualTo(Duration.ofSeconds(5));
    assertThat(settings.topology().idleness()).isEqualTo(Duration.ofSeconds(30));
    assertThat(settings.topology().dedupHorizon()).isEqualTo(Duration.ofHours(1));
    assertThat(settings.topology().maxMetricSeries()).isEqualTo(500);
  }

  @Test
  @DisplayName("an argument beats the environment, which beats the default")
  void precedence() {
    Map<String, String> env =
        Map.of(
            "HUB_KAFKA_BOOTSTRAP_SERVERS", "env:9092",
            "HUB_FLINK_GROUP_ID", "from-env",
            "HUB_FLINK_OUT_OF_ORDERNESS", "2 s");
    JobSettings settings =
        JobSettings.from(
            new String[] {
              "--bootstrap-servers", "arg:9092", "--out-of-orderness=500 ms", "--idleness", "1 min"
            },
            env);

    assertThat(settings.bootstrapServers()).isEqualTo("arg:9092");
    assertThat(settings.groupId()).isEqualTo("from-env");
    assertThat(settings.topology().outOfOrderness()).isEqualTo(Duration.ofMillis(500));
    assertThat(settings.topology().idleness()).isEqualTo(Duration.ofMinutes(1));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "--checkpoint-interval|soon|checkpoint-interval is not a duration (such as '30 s' or '10 min'): 'soon'",
        "--checkpoint-interval|15 min|checkpoint interval PT15M must be positive and shorter than the transaction timeout PT10M",
        "--checkpoint-interval|0 s|checkpoint interval PT0S must be positive",
        "--idleness|0 s|idleness must be positive, was PT0S",
        "--dedup-horizon|-1 s|dedup-horizon is not a duration",
        "--max-metric-series|0|max metric series must be at least 1, was 0",
        "--max-metric-series|many|max-metric-series is not a whole number: 'many'",
        "--counts-topic|soma.events|the input topic soma.events cannot also be an output topic",
        "--late-topic|bad topic!|invalid Kafka topic name 'bad topic!'",
        "--group-id|' '|group-id is empty",
        "--colour|blue|unknown option --colour",
      })
  @DisplayName("a bad value is rejected with the option's name")
  void badValues(String option, String value, String message) {
    assertThatThrownBy(() -> JobSettings.from(new String[] {option, value}, BROKER))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith(message);
  }

  @Test
  @DisplayName("without a broker the job does not start, and says how to give one")
  void brokerRequired() {
    assertThatThrownBy(() -> JobSettings.from(new String[0], Map.of()))
        .hasMessage(
            "no Kafka brokers: give --bootstrap-servers or set HUB_KAFKA_BOOTSTRAP_SERVERS");
  }

  @Test
  @DisplayName("malformed command lines are rejected")
  void badCommandLines() {
    assertThatThrownBy(() -> JobSettings.from(new String[] {"--idleness"}, BROKER))
        .hasMessage("option --idleness needs a value");
    assertThatThrownBy(() -> JobSettings.from(new String[] {"idleness", "1 s"}, BROKER))
        .hasMessage("expected an option --name, got 'idleness'");
    assertThatThrownBy(
            () -> JobSettings.from(new String[] {"--idleness=1 s", "--idleness=2 s"}, BROKER))
        .hasMessage("option --idleness given twice");
  }

  @Test
  @DisplayName(
      "the Kafka connectors build from valid settings: exactly-once sinks need their transactional prefix")
  void connectorsBuild() {
    JobSettings settings = JobSettings.from(new String[0], BROKER);

    assertThat(KafkaConnectors.source(settings)).isNotNull();
    PipelineSinks sinks = KafkaConnectors.sinks(settings);
    assertThat(java.util.List.of(sinks.counts(), sinks.deadLetters(), sinks.lateEvents()))
        .doesNotHaveDuplicates();
  }
}
