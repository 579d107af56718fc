package io.soma.hub.flink.job;

import io.soma.hub.flink.topology.TopologySettings;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.apache.flink.util.TimeUtils;

/**
 * The job's configuration. Each option is a command-line argument {@code --name value}, else the
 * environment variable {@code HUB_FLINK_NAME} (upper case, dashes as underscores; the broker is the
 * hub-wide {@code HUB_KAFKA_BOOTSTRAP_SERVERS}), else its default. Durations are Flink durations
 * ({@code 30 s}, {@code 10 min}, {@code 1 h}).
 */
public record JobSettings(
    String bootstrapServers,
    String inputTopic,
    String countsTopic,
    String deadLetterTopic,
    String lateTopic,
    String groupId,
    String transactionalIdPrefix,
    Duration checkpointInterval,
    Duration transactionTimeout,
    TopologySettings topology) {

  static final Map<String, String> DEFAULTS =
      Map.ofEntries(
          Map.entry("input-topic", "soma.events"),
          Map.entry("counts-topic", "soma.events.per-minute"),
          Map.entry("dead-letter-topic", "soma.events.dead-letter"),
          Map.entry("late-topic", "soma.events.late"),
          Map.entry("group-id", "soma-flink-analytics"),
          Map.entry("transactional-id-prefix", "soma-events-per-minute"),
          Map.entry("checkpoint-interval", "30 s"),
          // Below the brokers' default transaction.max.timeout.ms (15 min), above interval plus a
          // restart.
          Map.entry("transaction-timeout", "10 min"),
          Map.entry("out-of-orderness", "5 s"),
          Map.entry("idleness", "30 s"),
          Map.entry("dedup-horizon", "1 h"),
          Map.entry("max-metric-series", "500"));

  static final String BOOTSTRAP = "bootstrap-servers";

  public JobSettings {
    List.of(inputTopic, countsTopic, deadLetterTopic, lateTopic).forEach(JobSettings::requireTopic);
    if (Set.of(countsTopic, deadLetterTopic, lateTopic).contains(inputTopic)) {
      throw new IllegalArgumentException(
          "the input topic " + inputTopic + " cannot also be an output topic");
    }
    boolean positive = !checkpointInterval.isNegative() && !checkpointInterval.isZero();
    if (!positive || transactionTimeout.compareTo(checkpointInterval) <= 0) {
      throw new IllegalArgumentException(
          "checkpoint interval "
              + checkpointInterval
              + " must be positive and shorter than the transaction timeout "
              + transactionTimeout
              + " (a transaction stays open from one checkpoint to the next)");
    }
  }

  public static JobSettings from(String[] args, Map<String, String> environment) {
    Set<String> names = new LinkedHashSet<>(DEFAULTS.keySet());
    names.add(BOOTSTRAP);
    Map<String, String> options = CommandLine.parse(args, names);
    Lookup lookup = new Lookup(options, environment);
    String bootstrap = lookup.value(BOOTSTRAP, "HUB_KAFKA_BOOTSTRAP_SERVERS");
    if (bootstrap == null || bootstrap.isBlank()) {
      throw new IllegalArgumentException(
          "no Kafka brokers: give --" + BOOTSTRAP + " or set HUB_KAFKA_BOOTSTRAP_SERVERS");
    }
    TopologySettings topology =
        new TopologySettings(
            lookup.duration("out-of-orderness"),
            lookup.duration("idleness"),
            lookup.duration("dedup-horizon"),
            lookup.integer("max-metric-series"));
    return new JobSettings(
        bootstrap.strip(),
        lookup.text("input-topic"),
        lookup.text("counts-topic"),
        lookup.text("dead-letter-topic"),
        lookup.text("late-topic"),
        lookup.text("group-id"),
        lookup.text("transactional-id-prefix"),
        lookup.duration("checkpoint-interval"),
        lookup.duration("transaction-timeout"),
        topology);
  }

  private static void requireTopic(String topic) {
    // Kafka's own rule for topic names.
    if (topic == null || !topic.matches("[a-zA-Z0-9._-]{1,249}")) {
      throw new IllegalArgumentException("invalid Kafka topic name '" + topic + "'");
    }
  }

  /** Argument, then environment, then default. */
  private record Lookup(Map<String, String> options, Map<String, String> environment) {

    String value(String name, String variable) {
      String given = options.get(name);
      if (given != null) {
        return given;
      }
      String fromEnvironment = environment.get(variable);
      return fromEnvironment != null ? fromEnvironment : DEFAULTS.get(name);
    }

    String text(String name) {
      String value = value(name, "HUB_FLINK_" + name.toUpperCase().replace('-', '_')).strip();
      if (value.isEmpty()) {
        throw new IllegalArgumentException(name + " is empty");
      }
      return value;
    }

    Duration duration(String name) {
      return parsed(name, TimeUtils::parseDuration, "a duration (such as '30 s' or '10 min')");
    }

    int integer(String name) {
      return parsed(name, Integer::valueOf, "a whole number");
    }

    private <T> T parsed(String name, Function<String, T> parser, String expected) {
      String value = text(name);
      try {
        return parser.apply(value);
      } catch (RuntimeException e) {
        throw new IllegalArgumentException(name + " is not " + expected + ": '" + value + "'");
      }
    }
  }
}
