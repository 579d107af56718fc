package io.soma.hub.flink.topology;

import com.fasterxml.jackson.databind.JsonNode;
import io.soma.hub.flink.events.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.apache.flink.api.common.JobID;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.Gauge;
import org.apache.flink.metrics.Metric;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.runtime.testutils.InMemoryReporter;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.util.CloseableIterator;

/**
 * Runs the topology on the test MiniCluster over a bounded list of raw records and collects its
 * three outputs in one job (tagged and united), plus the job's metrics as the reporter saw them.
 */
record TopologyRun(
    JobID job,
    List<JsonNode> counts,
    List<JsonNode> deadLetters,
    List<JsonNode> lateEvents,
    InMemoryReporter reporter) {

  private static final String COUNT = "count|";
  private static final String DEAD = "dead|";
  private static final String LATE = "late|";

  static TopologyRun of(
      InMemoryReporter reporter, int parallelism, TopologySettings settings, List<String> records)
      throws Exception {
    Configuration config = new Configuration();
    // Every record type of the topology must have a Flink serializer; Kryo would be a silent slow
    // path.
    config.set(PipelineOptions.GENERIC_TYPES, false);
    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(config);
    env.setParallelism(parallelism);
    DataStream<String> input = env.fromData(records, Types.STRING);
    EventCountOutputs outputs = EventCountTopology.apply(input, settings);
    DataStream<String> tagged =
        outputs
            .counts()
            .map(json -> COUNT + json)
            .union(
                outputs.deadLetters().map(json -> DEAD + json),
                outputs.lateEvents().map(json -> LATE + json));

    List<JsonNode> counts = new ArrayList<>();
    List<JsonNode> dead = new ArrayList<>();
    List<JsonNode> late = new ArrayList<>();
    // collectAsync and executeAsync are executeAndCollect in two steps, which gives the job id for
    // the metrics.
    JobClient client;
    try (CloseableIterator<String> results = tagged.collectAsync()) {
      client = env.executeAsync("topology test");
      while (results.hasNext()) {
        String result = results.next();
        List<JsonNode> target =
            result.startsWith(COUNT) ? counts : result.startsWith(DEAD) ? dead : late;
        target.add(Json.MAPPER.readTree(result.substring(result.indexOf('|') + 1)));
      }
    }
    client.getJobExecutionResult().get();
    return new TopologyRun(client.getJobID(), counts, dead, late, reporter);
  }

  static TopologyRun of(InMemoryReporter reporter, int parallelism, List<String> records)
      throws Exception {
    return of(reporter, parallelism, TopologySettings.DEFAULTS, records);
  }

  /** The counts as "tenant type window_start=count", the easiest form to compare. */
  List<String> countLines() {
    return counts.stream()
        .map(
            c ->
                c.get("tenant").asText()
                    + " "
                    + c.get("type").asText()
                    + " "
                    + c.get("window_start").asText()
                    + "="
                    + c.get("count").asLong())
        .sorted()
        .toList();
  }

  /** The sum over all subtasks of an operator counter of this job. */
  long counter(String name) {
    return metrics(name, group -> true).stream()
        .mapToLong(metric -> ((Counter) metric).getCount())
        .sum();
  }

  /** The sum over all subtasks of the per-minute metric of one tenant and type. */
  long perTenantType(String name, String tenant, String type) {
    return metrics(
            name,
            group ->
                tenant.equals(group.getAllVariables().get("<tenant>"))
                    && type.equals(group.getAllVariables().get("<type>")))
        .stream()
        .mapToLong(
            metric ->
                metric instanceof Counter counter
                    ? counter.getCount()
                    : ((Number) ((Gauge<?>) metric).getValue()).longValue())
        .sum();
  }

  private List<Metric> metrics(String name, Predicate<MetricGroup> groups) {
    List<Metric> found = new ArrayList<>();
    for (Map.Entry<MetricGroup, Map<String, Metric>> group :
        reporter.getMetricsByGroup().entrySet()) {
      Map<String, String> variables = group.getKey().getAllVariables();
      if (job.toString().equals(variables.get("<job_id>")) && groups.test(group.getKey())) {
        Metric metric = group.getValue().get(name);
        if (metric != null) {
          found.add(metric);
        }
      }
    }
    return found;
  }
}
