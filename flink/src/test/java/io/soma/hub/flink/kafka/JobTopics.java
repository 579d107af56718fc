package io.soma.hub.flink.kafka;

import io.soma.hub.flink.job.JobSettings;
import io.soma.hub.testing.kafka.KafkaBroker;
import java.util.Map;

/**
 * The job's four topics under a prefix of one test, created on the broker, and the job's settings for them: the
 * defaults of the job but for the topics, the group and transactional ids, and a short checkpoint interval.
 */
record JobTopics(String input, String counts, String deadLetters, String late) {

  static JobTopics create(KafkaBroker kafka, String prefix, int inputPartitions) {
    JobTopics topics =
        new JobTopics(prefix + ".events", prefix + ".per-minute", prefix + ".dead-letter", prefix + ".late");
    kafka.createTopic(topics.input, inputPartitions);
    kafka.createTopic(topics.counts, 1);
    kafka.createTopic(topics.deadLetters, 1);
    kafka.createTopic(topics.late, 1);
    return topics;
  }

  JobSettings settings(KafkaBroker kafka, String checkpointInterval) {
    String prefix = input.substring(0, input.length() - ".events".length());
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
