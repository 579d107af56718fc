package io.soma.hub.flink.kafka;

import io.soma.hub.flink.job.JobSettings;
import io.soma.hub.testing.kafka.KafkaBroker;
import java.util.Map;

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
    return topics;
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
