package io.soma.hub.flink.kafka;

import io.soma.hub.flink.job.JobSettings;
import io.soma.hub.testing.kafka.KafkaBroker;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;

/**
 * The job's four topics of one test, created on the broker, and the job's settings for them: the
 * defaults of the job but for the topics, the group and transactional ids (from the prefix) and the
 * checkpoint interval.
 */
record JobTopics(String prefix, String input, String counts, String deadLetters, String late) {

  /** The input topic and the outputs, all named after the prefix. */
  static JobTopics create(KafkaBroker kafka, String prefix, int inputPartitions) {
    kafka.createTopic(prefix + ".events", inputPartitions);
    return outputs(kafka, prefix, prefix + ".events");
  }

  /** New output topics (and ids) named after the prefix, for an input topic that exists. */
  static JobTopics outputs(KafkaBroker kafka, String prefix, String input) {
    JobTopics topics =
        new JobTopics(
            prefix, input, prefix + ".per-minute", prefix + ".dead-letter", prefix + ".late");
    kafka.createTopic(topics.counts, 1);
    kafka.createTopic(topics.deadLetters, 1);
    kafka.createTopic(topics.late, 1);
    keepForever(kafka, topics.counts, topics.deadLetters, topics.late);
    return topics;
  }

  /**
   * No time-based retention on the outputs. The job writes counts and late events with their event
   * time as the record timestamp, and the tests' events are of a fixed day (2026-11-25): once that
   * day is more than the broker's default retention (7 days) ago, the broker's retention check,
   * every 5 minutes, deletes the outputs' segments as soon as a test has written them, and a test
   * reading them finds counts missing, or read twice when its position falls off the deleted log.
   */
  private static void keepForever(KafkaBroker kafka, String... topics) {
    try (Admin admin =
        Admin.create(
            Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
      Map<ConfigResource, Collection<AlterConfigOp>> changes = new HashMap<>();
      for (String topic : topics) {
        changes.put(
            new ConfigResource(ConfigResource.Type.TOPIC, topic),
            List.of(
                new AlterConfigOp(
                    new ConfigEntry(TopicConfig.RETENTION_MS_CONFIG, "-1"),
                    AlterConfigOp.OpType.SET)));
      }
      admin.incrementalAlterConfigs(changes).all().get(30, TimeUnit.SECONDS);
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException("cannot turn off retention of " + List.of(topics), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  JobSettings settings(KafkaBroker kafka, String checkpointInterval) {
    return JobSettings.from(
        new String[] {
          "--bootstrap-servers", kafka.bootstrapServers(),
          "--input-topic", input,
          "--counts-topic", counts,
          "--dead-letter-topic", deadLetters,
          "--late-topic", late,
          "--group-id", prefix + "-job",
          "--transactional-id-prefix", prefix,
          "--checkpoint-interval", checkpointInterval
        },
        Map.of());
  }
}
