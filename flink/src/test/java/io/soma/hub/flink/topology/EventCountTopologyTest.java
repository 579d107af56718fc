package io.soma.hub.flink.topology;

import static io.soma.hub.flink.events.TestEvents.at;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.runtime.testutils.InMemoryReporter;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The topology on a MiniCluster. Lateness depends on the order of events only (watermarks are
 * emitted when they cross a window boundary), so these runs are deterministic at parallelism 1; at
 * parallelism 2 in-order input is never late, whatever the interleaving.
 */
@DisplayName("The event count topology on a MiniCluster")
class EventCountTopologyTest {

  private static final InMemoryReporter REPORTER = InMemoryReporter.createWithRetainedMetrics();

  @RegisterExtension
  static final MiniClusterExtension CLUSTER =
      new MiniClusterExtension(
          new MiniClusterResourceConfiguration.Builder()
              .setConfiguration(REPORTER.addToConfiguration(new Configuration()))
              .setNumberTaskManagers(1)
              .setNumberSlotsPerTaskManager(2)
              .build());

  private static final String STARTED = "io.soma.hub.session.started";
  private static final String BLOCKED = "io.soma.hub.moderation.blocked";
  private static final String TEN = "2026-11-25T10:00:00Z";
  private static final String TEN_ONE = "2026-11-25T10:01:00Z";
  private static final String TEN_TWO = "2026-11-25T10:02:00Z";

  @Test
  @DisplayName("in-order events are counted per tenant, type and minute")
  void inOrder() throws Exception {
    TopologyRun run =
        TopologyRun.of(
            REPORTER,
            1,
            List.of(
                at("e1", "acme", STARTED, "10:00:01"),
                at("e2", "acme", BLOCKED, "10:00:10"),
                at("e3", "beta", STARTED, "10:00:20"),
                at("e4", "acme", STARTED, "10:00:30"),
                at("e5", "acme", STARTED, "10:00:59"),
                at("e6", "acme", STARTED, "10:01:05")));

    assertThat(run.countLines())
        .containsExactly(
            "acme " + BLOCKED + " " + TEN + "=1",
            "acme " + STARTED + " " + TEN + "=3",
            "acme " + STARTED + " " + TEN_ONE + "=1",
            "beta " + STARTED + " " + TEN + "=1");
    assertThat(run.deadLetters()).isEmpty();
    assertThat(run.lateEvents()).isEmpty();
    JsonNode first =
        run.counts().stream()
            .filter(c -> c.get("tenant").asText().equals("beta"))
            .findFirst()
            .orElseThrow();
    assertThat(first.get("window_end").asText()).isEqualTo(TEN_ONE);
  }

  @Test
  @DisplayName("events out of order within the bound are counted in their own minute")
  void outOfOrderWithinBound() throws Exception {
    // Bound 5 s: after 10:01:04 the watermark is 10:00:58.999, so 10:00:59.999 still belongs to an
    // open window.
    TopologyRun run =
        TopologyRun.of(
            REPORTER,
            1,
            List.of(
                at("e1", "acme", STARTED, "10:00:50"),
                at("e2", "acme", STARTED, "10:01:02"),
                at("e3", "acme", STARTED, "10:00:58"),
                at("e4", "acme", STARTED, "10:01:04.999"),
                at("e5", "acme", STARTED, "10:00:59.999"),
                at("e6", "acme", STARTED, "10:00:55")));

    assertThat(run.countLines())
        .containsExactly(
            "acme " + STARTED + " " + TEN + "=4", "acme " + STARTED + " " + TEN_ONE + "=2");
    assertThat(run.lateEvents()).isEmpty();
    assertThat(run.counter(CountLateEvents.LATE_METRIC)).isZero();
  }

  @Test
  @DisplayName(
      "an event behind the bound after its minute closed goes to the late output, counted, not in a count")
  void lateEvents() throws Exception {
    // After 10:01:05 the watermark is 10:00:59.999: the 10:00 window has fired.
    TopologyRun run =
        TopologyRun.of(
            REPORTER,
            1,
            List.of(
                at("e1", "acme", STARTED, "10:00:10"),
                at("e2", "acme", STARTED, "10:01:05"),
                at("late-1", "acme", STARTED, "10:00:59.999"),
                at("e3", "beta", STARTED, "10:01:30"),
                at("late-2", "beta", STARTED, "10:00:20"),
                at("e4", "acme", STARTED, "10:01:06")));

    assertThat(run.countLines())
        .containsExactly(
            "acme " + STARTED + " " + TEN + "=1",
            "acme " + STARTED + " " + TEN_ONE + "=2",
            "beta " + STARTED + " " + TEN_ONE + "=1");
    assertThat(run.lateEvents())
        .extracting(late -> late.get("id").asText())
        .containsExactlyInAnyOrder("late-1", "late-2");
    JsonNode late =
        run.lateEvents().stream()
            .filter(e -> e.get("id").asText().equals("late-1"))
            .findFirst()
            .orElseThrow();
    assertThat(late.get("time").asText()).isEqualTo("2026-11-25T10:00:59.999Z");
    assertThat(late.get("data").get("tenant").asText()).isEqualTo("acme");
    assertThat(run.counter(CountLateEvents.LATE_METRIC)).isEqualTo(2);
  }

  @Test
  @DisplayName(
      "the same id delivered again is counted once, also when the copy arrives after its minute closed")
  void duplicates() throws Exception {
    TopologyRun run =
        TopologyRun.of(
            REPORTER,
            1,
            List.of(
                at("e1", "acme", STARTED, "10:00:01"),
                at("e1", "acme", STARTED, "10:00:01"),
                at("e2", "acme", STARTED, "10:00:02"),
                at("e1", "acme", STARTED, "10:00:01"),
                at("e3", "acme", STARTED, "10:01:30"),
                at("e2", "acme", STARTED, "10:00:02")));

    assertThat(run.countLines())
        .containsExactly(
            "acme " + STARTED + " " + TEN + "=2", "acme " + STARTED + " " + TEN_ONE + "=1");
    assertThat(run.lateEvents()).isEmpty();
    assertThat(run.counter(DeduplicateById.DUPLICATE_METRIC)).isEqualTo(3);
  }

  @Test
  @DisplayName(
      "at parallelism 2, with ids de-duplicated per tenant and type, every redelivered copy is dropped")
  void duplicatesAtParallelismTwo() throws Exception {
    List<String> tenants = List.of("acme", "beta", "gamma", "delta");
    List<String> records = new ArrayList<>();
    // 400 events in order over 4 tenants and 2 types, each delivered once more 1 to 3 events later.
    for (int i = 0; i < 400; i++) {
      String clock = String.format("10:00:%02d.%03d", i * 100 / 1000, i * 100 % 1000);
      String event = at("e" + i, tenants.get(i % 4), i % 8 < 4 ? STARTED : BLOCKED, clock);
      records.add(event);
      if (i % 2 == 0) {
        records.add(Math.max(0, records.size() - 1 - i % 3), event);
      }
    }

    TopologyRun run = TopologyRun.of(REPORTER, 2, records);

    assertThat(run.countLines()).hasSize(8).allSatisfy(line -> assertThat(line).endsWith("=50"));
    assertThat(run.counter(DeduplicateById.DUPLICATE_METRIC)).isEqualTo(200);
    assertThat(run.lateEvents()).isEmpty();
  }

  @Test
  @DisplayName(
      "malformed records go to the dead letters with their reason and count; the job goes on counting")
  void malformed() throws Exception {
    String noTenant = at("e9", "acme", STARTED, "10:00:03").replace("\"tenant\":\"acme\",", "");
    TopologyRun run =
        TopologyRun.of(
            REPORTER,
            1,
            List.of(
                at("e1", "acme", STARTED, "10:00:01"),
                "not json",
                "",
                noTenant,
                at("e2", "acme", STARTED, "10:00:02").replace("1.0", "0.3"),
                at("e3", "acme", STARTED, "10:00:61"),
                at("e4", "acme", STARTED, "10:01:04")));

    assertThat(run.countLines())
        .containsExactly(
            "acme " + STARTED + " " + TEN + "=1", "acme " + STARTED + " " + TEN_ONE + "=1");
    Map<String, String> reasons = new TreeMap<>();
    run.deadLetters().forEach(d -> reasons.put(d.get("record").asText(), d.get("reason").asText()));
    assertThat(reasons)
        .containsEntry("not json", "not JSON")
        .containsEntry("", "empty record")
        .containsEntry(noTenant, "missing data.tenant")
        .hasSize(5)
        .containsValues(
            "unsupported specversion 0.3", "time is not RFC 3339: 2026-11-25T10:00:61Z");
    assertThat(run.counter(ParseEvents.MALFORMED_METRIC)).isEqualTo(5);
  }

  @Test
  @DisplayName(
      "hh:mm:59.999 is the last millisecond of a minute, hh:mm+1:00.000 the first of the next")
  void windowBoundaries() throws Exception {
    TopologyRun run =
        TopologyRun.of(
            REPORTER,
            1,
            List.of(
                at("e1", "acme", STARTED, "10:00:00.000"),
                at("e2", "acme", STARTED, "10:00:59.999"),
                at("e3", "acme", STARTED, "10:01:00.000"),
                at("e4", "acme", STARTED, "10:01:59.999"),
                at("e5", "acme", STARTED, "10:02:00")));

    assertThat(run.countLines())
        .containsExactly(
            "acme " + STARTED + " " + TEN + "=2",
            "acme " + STARTED + " " + TEN_ONE + "=2",
            "acme " + STARTED + " " + TEN_TWO + "=1");
    assertThat(run.counts())
        .allSatisfy(
            count ->
                assertThat(
                        Duration.between(
                            java.time.Instant.parse(count.get("window_start").asText()),
                            java.time.Instant.parse(count.get("window_end").asText())))
                    .isEqualTo(Duration.ofMinutes(1)));
  }

  @Test
  @DisplayName(
      "many tenants and types over several minutes at parallelism 2, with per tenant and type metrics")
  void severalTenantsAndTypes() throws Exception {
    List<String> tenants = List.of("acme", "beta", "gamma");
    List<String> types = List.of(STARTED, BLOCKED, "io.soma.hub.wizard.completed");
    List<String> records = new ArrayList<>();
    Map<String, Long> expected = new TreeMap<>();
    // 600 events, one every 700 ms of event time from 10:00:00, in order: 7 minutes, every pair in
    // each.
    for (int i = 0; i < 600; i++) {
      String tenant = tenants.get(i % 3);
      String type = types.get((i / 3) % 3);
      long millis = i * 700L;
      String clock =
          String.format("10:%02d:%02d.%03d", millis / 60_000, millis / 1000 % 60, millis % 1000);
      records.add(at("e" + i, tenant, type, clock));
      expected.merge(
          tenant + " " + type + " " + String.format("2026-11-25T10:%02d:00Z", millis / 60_000),
          1L,
          Long::sum);
    }

    TopologyRun run = TopologyRun.of(REPORTER, 2, records);

    assertThat(run.countLines())
        .containsExactlyElementsOf(
            expected.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList());
    assertThat(run.lateEvents()).isEmpty();
    for (String tenant : tenants) {
      for (String type : types) {
        long total =
            expected.entrySet().stream()
                .filter(e -> e.getKey().startsWith(tenant + " " + type + " "))
                .mapToLong(Map.Entry::getValue)
                .sum();
        assertThat(run.perTenantType(PerMinuteCountMetrics.COUNTED_METRIC, tenant, type))
            .isEqualTo(total);
      }
    }
    // The last minute (10:06, from 10:06:00.600 to 10:06:59.300) of acme's first type.
    assertThat(run.perTenantType(PerMinuteCountMetrics.LAST_MINUTE_METRIC, "acme", STARTED))
        .isEqualTo(expected.get("acme " + STARTED + " 2026-11-25T10:06:00Z"));
  }

  @Test
  @DisplayName(
      "past the series limit, further tenant and type pairs share the _other series and count as overflow")
  void metricSeriesAreBounded() throws Exception {
    TopologySettings twoSeries =
        new TopologySettings(Duration.ofSeconds(5), Duration.ofSeconds(30), Duration.ofHours(1), 2);
    TopologyRun run =
        TopologyRun.of(
            REPORTER,
            1,
            twoSeries,
            List.of(
                at("e1", "acme", STARTED, "10:00:01"),
                at("e2", "beta", STARTED, "10:00:02"),
                at("e3", "gamma", STARTED, "10:00:03"),
                at("e4", "delta", STARTED, "10:00:04"),
                at("e5", "delta", STARTED, "10:00:05")));

    // Counts themselves are never capped; only their metric series are.
    assertThat(run.countLines()).hasSize(4);
    long own =
        run.perTenantType(PerMinuteCountMetrics.COUNTED_METRIC, "acme", STARTED)
            + run.perTenantType(PerMinuteCountMetrics.COUNTED_METRIC, "beta", STARTED)
            + run.perTenantType(PerMinuteCountMetrics.COUNTED_METRIC, "gamma", STARTED)
            + run.perTenantType(PerMinuteCountMetrics.COUNTED_METRIC, "delta", STARTED);
    long shared = run.perTenantType(PerMinuteCountMetrics.COUNTED_METRIC, "_other", "_other");
    assertThat(own + shared).isEqualTo(5);
    assertThat(run.counter(PerMinuteCountMetrics.OVERFLOW_METRIC)).isEqualTo(2);
    assertThat(shared).isBetween(2L, 3L);
  }
}
