package io.soma.hub.flink.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import io.soma.hub.flink.events.TestEvents;
import io.soma.hub.flink.job.JobSettings;
import io.soma.hub.testing.kafka.KafkaBroker;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

@DisplayName(
    "The job on a MiniCluster with a real Kafka broker: soma.events in, committed counts out")
class KafkaPipelineEndToEndTest {

  @RegisterExtension static final MiniClusterExtension CLUSTER = KafkaPipelineJob.miniCluster();
  @RegisterExtension static final KafkaBrokerExtension KAFKA = new KafkaBrokerExtension();

  @Test
  @DisplayName(
      "read_committed readers see each minute's exact count once, the malformed record and the late event")
  void countsEveryMinuteExactlyOnce(@TempDir Path checkpoints) throws Exception {
    KafkaBroker kafka = KAFKA.broker();
    JobTopics topics = JobTopics.create(kafka, "e2e", 2);
    JobSettings settings = topics.settings(kafka, "500 ms");
    ScheduledEvents.Batch minutes = ScheduledEvents.minutes(0, 5, 2);
    try (EventProducer producer = new EventProducer(kafka.bootstrapServers(), topics.input())) {
      producer.sendAll(minutes);
      producer.send(0, "{not a cloud event");
      producer.sendAll(ScheduledEvents.closing(2));

      JobClient job = KafkaPipelineJob.start(settings, checkpoints, Optional.empty());
      try {
        List<String> counts =
            CommittedRecords.await(
                kafka.bootstrapServers(),
                topics.counts(),
                values -> values.size() >= minutes.expectedCounts().size());
        assertThat(counts)
            .map(CommittedRecords::countLine)
            .containsExactlyInAnyOrderElementsOf(minutes.expectedCounts());
        assertThat(
                CommittedRecords.await(
                    kafka.bootstrapServers(), topics.deadLetters(), values -> !values.isEmpty()))
            .singleElement()
            .asString()
            .contains("{not a cloud event");

        // Every minute before 11:00 is closed now, so an event of 10:01 is late whichever partition
        // it is in.
        producer.send(1, TestEvents.at("late-1", "acme", ScheduledEvents.TYPES.get(0), "10:01:30"));
        assertThat(
                CommittedRecords.await(
                    kafka.bootstrapServers(), topics.late(), values -> !values.isEmpty()))
            .singleElement()
            .asString()
            .contains("\"id\":\"late-1\"");
        // A late event is a CloudEvent again, in the Kafka protocol binding's structured mode.
        assertThat(CommittedRecords.records(kafka.bootstrapServers(), topics.late()))
            .singleElement()
            .satisfies(
                late ->
                    assertThat(late.headers().lastHeader("content-type").value())
                        .asString(java.nio.charset.StandardCharsets.UTF_8)
                        .isEqualTo("application/cloudevents+json; charset=UTF-8"));
        assertThat(CommittedRecords.read(kafka.bootstrapServers(), topics.counts()))
            .hasSize(counts.size());
      } finally {
        job.cancel().get();
      }
    }
  }
}
