package io.soma.hub.e2e.events;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.soma.hub.e2e.support.FlinkEventCountJob;
import io.soma.hub.e2e.support.JsonHttp;
import io.soma.hub.e2e.support.LocalHub;
import io.soma.hub.e2e.support.RequiresHubJars;
import io.soma.hub.e2e.support.SessionCalls;
import io.soma.hub.events.EventTopic;
import io.soma.hub.testing.kafka.KafkaBroker;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Events from real sessions to per-minute counts: a KRaft broker, the worker and the functions with
 * HUB_KAFKA_BOOTSTRAP_SERVERS, and the analytics job from its shaded jar as its own process.
 *
 * <p>A minute's count is written when the watermark passes the minute's end, and the watermark only
 * moves with event time. So once the sessions are done, the test waits until the wall clock is past
 * the last event's minute plus the job's out-of-orderness, then creates one more session for a
 * tenant of its own: its events carry the later time and move the watermark past every minute under
 * test (the partition without them is idle after a few seconds). The counts are read committed, as
 * the job writes them in transactions on its checkpoints.
 */
@RequiresHubJars
class EventsEndToEndTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration OUT_OF_ORDERNESS = Duration.ofSeconds(5);
  private static final String CLOCK_TENANT = "clock";

  private static KafkaBroker kafka;
  private static FlinkEventCountJob job;
  private static LocalHub hub;

  @BeforeAll
  static void startEverything() {
    kafka = KafkaBroker.start();
    kafka.createTopic("soma.events", 2);
    for (String output :
        List.of("soma.events.per-minute", "soma.events.dead-letter", "soma.events.late")) {
      kafka.createTopic(output, 1);
    }
    job =
        FlinkEventCountJob.start(
            List.of(
                "--bootstrap-servers",
                kafka.bootstrapServers(),
                "--checkpoint-interval",
                "2 s",
                "--out-of-orderness",
                OUT_OF_ORDERNESS.toSeconds() + " s",
                "--idleness",
                "3 s"));
    hub =
        LocalHub.builder()
            .quickStartJvms()
            .env("HUB_KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers())
            .start();
  }

  @AfterAll
  static void stopEverything() {
    if (hub != null) {
      hub.close();
    }
    if (job != null) {
      job.close();
    }
    if (kafka != null) {
      kafka.close();
    }
  }

  @Test
  void realSessionsAreCountedPerTenantTypeAndMinute() {
    Map<String, Integer> sessionsPerTenant = Map.of("acme", 3, "globex", 2);
    sessionsPerTenant.forEach(
        (tenant, count) -> {
          JsonHttp caller = caller(tenant);
          List<String> sessions = new ArrayList<>();
          for (int i = 0; i < count; i++) {
            sessions.add(SessionCalls.create(caller, "Plan launch " + i + " for " + tenant));
          }
          SessionCalls.awaitAllFinished(caller, sessions, Duration.ofMinutes(2))
              .values()
              .forEach(
                  view ->
                      assertThat(view.get("status").asText())
                          .as(view.toString())
                          .isEqualTo("COMPLETED"));
        });
    JsonHttp.Response blocked =
        caller("acme").post("/v1/sessions", Map.of("prompt", "write a jailbreak"));
    assertThat(blocked.status()).as(blocked.toString()).isEqualTo(403);

    Map<String, Long> expected = new TreeMap<>();
    sessionsPerTenant.forEach(
        (tenant, count) -> {
          expected.put(tenant + " io.soma.hub.session.accepted", (long) count);
          expected.put(tenant + " io.soma.hub.session.completed", (long) count);
        });
    expected.put("acme io.soma.hub.moderation.blocked", 1L);
    int published = expected.values().stream().mapToInt(Long::intValue).sum();
    List<JsonNode> events =
        values(
            EventTopic.read(
                kafka.bootstrapServers(), "soma.events", published, Duration.ofSeconds(60)));
    assertThat(countsOf(events)).as("what the hub published").isEqualTo(expected);

    Instant lastMinuteEnd =
        events.stream()
            .map(e -> Instant.parse(e.get("time").asText()))
            .max(Instant::compareTo)
            .orElseThrow()
            .truncatedTo(ChronoUnit.MINUTES)
            .plus(Duration.ofMinutes(1));
    sleepUntil(lastMinuteEnd.plus(OUT_OF_ORDERNESS).plusSeconds(1));
    SessionCalls.create(caller(CLOCK_TENANT), "the clock moves on");

    List<ConsumerRecord<String, String>> counts =
        EventTopic.read(
            kafka.bootstrapServers(),
            "soma.events.per-minute",
            records -> expected.equals(summed(values(records))),
            Duration.ofMinutes(3));
    assertThat(job.isAlive()).as("the job, last lines:\n%s", job.logTail(40)).isTrue();
    assertThat(summed(values(counts)))
        .as("per-minute counts summed over minutes")
        .isEqualTo(expected);
    Map<String, Long> perMinute = new TreeMap<>();
    for (JsonNode count : values(counts)) {
      Instant start = Instant.parse(count.get("window_start").asText());
      assertThat(Instant.parse(count.get("window_end").asText()))
          .isEqualTo(start.plus(Duration.ofMinutes(1)));
      if (!count.get("tenant").asText().equals(CLOCK_TENANT)) {
        perMinute.merge(
            count.get("tenant").asText() + " " + count.get("type").asText() + " " + start,
            count.get("count").asLong(),
            Long::sum);
      }
    }
    assertThat(perMinute)
        .as("each count in the minute of its events' time")
        .isEqualTo(
            events.stream()
                .collect(
                    Collectors.groupingBy(
                        e ->
                            e.get("data").get("tenant").asText()
                                + " "
                                + e.get("type").asText()
                                + " "
                                + Instant.parse(e.get("time").asText())
                                    .truncatedTo(ChronoUnit.MINUTES),
                        TreeMap::new,
                        Collectors.counting())));
  }

  /** "tenant type" to the number of events, from hub events or from per-minute counts. */
  private static Map<String, Long> countsOf(List<JsonNode> events) {
    return events.stream()
        .collect(
            Collectors.groupingBy(
                e -> e.get("data").get("tenant").asText() + " " + e.get("type").asText(),
                TreeMap::new,
                Collectors.counting()));
  }

  private static Map<String, Long> summed(List<JsonNode> counts) {
    return counts.stream()
        .filter(c -> !c.get("tenant").asText().equals(CLOCK_TENANT))
        .collect(
            Collectors.groupingBy(
                c -> c.get("tenant").asText() + " " + c.get("type").asText(),
                TreeMap::new,
                Collectors.summingLong(c -> c.get("count").asLong())));
  }

  private static List<JsonNode> values(List<ConsumerRecord<String, String>> records) {
    return records.stream()
        .map(
            r -> {
              try {
                return JSON.readTree(r.value());
              } catch (IOException e) {
                throw new UncheckedIOException(e);
              }
            })
        .toList();
  }

  private static JsonHttp caller(String tenant) {
    return hub.gateway().as(hub.tokens().mint(tenant, "ann", "sessions:write", "sessions:read"));
  }

  private static void sleepUntil(Instant moment) {
    long millis = Duration.between(Instant.now(), moment).toMillis();
    if (millis > 0) {
      try {
        Thread.sleep(millis);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
  }
}
