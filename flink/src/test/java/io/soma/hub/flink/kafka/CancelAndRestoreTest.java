package io.soma.hub.flink.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import io.soma.hub.flink.job.JobSettings;
import io.soma.hub.testing.kafka.KafkaBroker;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

@DisplayName(
    "Cancel the job mid-stream, restore a new one from the last retained checkpoint: no loss, no duplicates")
class CancelAndRestoreTest {

  @RegisterExtension static final MiniClusterExtension CLUSTER = KafkaPipelineJob.miniCluster();
  @RegisterExtension static final KafkaBrokerExtension KAFKA = new KafkaBrokerExtension();

  private static final int PARTITIONS = 2;
  private static final long LIMIT_SECONDS = Await.LIMIT.toSeconds();

  @Test
  @DisplayName(
      "the committed per-minute counts are exact across a cancel and a restore while events keep arriving")
  void exactCountsAcrossCancelAndRestore(@TempDir Path checkpoints) throws Exception {
    KafkaBroker kafka = KAFKA.broker();
    JobTopics topics = JobTopics.create(kafka, "restore", PARTITIONS);
    JobSettings settings = topics.settings(kafka, "500 ms");
    ScheduledEvents.Batch before = ScheduledEvents.minutes(0, 4, PARTITIONS);
    List<ScheduledEvents.Batch> during = new ArrayList<>();
    for (int minute = 4; minute < 10; minute++) {
      during.add(ScheduledEvents.minutes(minute, minute + 1, PARTITIONS));
    }
    List<String> expected = new ArrayList<>(before.expectedCounts());
    during.forEach(batch -> expected.addAll(batch.expectedCounts()));

    try (EventProducer producer = new EventProducer(kafka.bootstrapServers(), topics.input())) {
      producer.sendAll(before);
      JobClient first = KafkaPipelineJob.start(settings, checkpoints, Optional.empty());
      // Counts are committed only when a checkpoint completes: once some are visible, one has.
      List<String> committedByFirst =
          CommittedRecords.await(
              kafka.bootstrapServers(), topics.counts(), values -> !values.isEmpty());

      // Events keep arriving, a minute of them at a time, while the first job is cancelled and the
      // second starts.
      CountDownLatch twoMoreMinutes = new CountDownLatch(2);
      CompletableFuture<Void> arriving =
          CompletableFuture.runAsync(
              () -> {
                for (ScheduledEvents.Batch minute : during) {
                  producer.sendAll(minute);
                  twoMoreMinutes.countDown();
                  Await.pause(Duration.ofMillis(300));
                }
                producer.sendAll(ScheduledEvents.closing(PARTITIONS));
              });
      assertThat(twoMoreMinutes.await(LIMIT_SECONDS, TimeUnit.SECONDS)).isTrue();
      first.cancel().get(LIMIT_SECONDS, TimeUnit.SECONDS);
      Await.until(
          () -> status(first) == JobStatus.CANCELED ? null : "the first job is " + status(first));
      Path checkpoint =
          KafkaPipelineJob.latestCheckpoint(checkpoints)
              .orElseThrow(
                  () ->
                      new AssertionError(
                          "the first job left no retained checkpoint in " + checkpoints));

      JobClient second = KafkaPipelineJob.start(settings, checkpoints, Optional.of(checkpoint));
      try {
        arriving.get(LIMIT_SECONDS, TimeUnit.SECONDS);
        List<String> counts =
            CommittedRecords.await(
                kafka.bootstrapServers(),
                topics.counts(),
                values -> values.size() >= expected.size());
        assertThat(counts)
            .map(CommittedRecords::countLine)
            .containsExactlyInAnyOrderElementsOf(expected);
        assertThat(committedByFirst).hasSizeLessThan(expected.size());

        // Two more checkpoints of the second job commit nothing more: no duplicate comes late.
        Path secondCheckpoints = checkpoints.resolve(second.getJobID().toString());
        long last = checkpointNumber(secondCheckpoints);
        Await.until(
            () ->
                checkpointNumber(secondCheckpoints) >= last + 2
                    ? null
                    : "the second job completed no checkpoint after " + last);
        assertThat(CommittedRecords.read(kafka.bootstrapServers(), topics.counts()))
            .map(CommittedRecords::countLine)
            .containsExactlyInAnyOrderElementsOf(expected);
      } finally {
        second.cancel().get(LIMIT_SECONDS, TimeUnit.SECONDS);
      }
    }
  }

  private static JobStatus status(JobClient job) {
    return job.getJobStatus().join();
  }

  private static long checkpointNumber(Path jobCheckpoints) {
    return KafkaPipelineJob.latestCheckpoint(jobCheckpoints)
        .map(dir -> Long.parseLong(dir.getFileName().toString().substring("chk-".length())))
        .orElse(0L);
  }
}
