package io.soma.hub.flink.kafka;

import io.soma.hub.flink.events.TestEvents;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Hub events for whole minutes of the test day (10:mm), three tenants and two types, spread over
 * the input partitions in time order (so that no event is late), and the per-minute counts the job
 * must write for them.
 */
final class ScheduledEvents {

  static final List<String> TENANTS = List.of("acme", "globex", "initech");
  static final List<String> TYPES =
      List.of("io.soma.hub.session.started", "io.soma.hub.session.completed");

  private ScheduledEvents() {}

  /** A record for one partition. */
  record Record(int partition, String value) {}

  /**
   * Records to send in this order, and the count lines ("tenant type window_start=count") they must
   * give.
   */
  record Batch(List<Record> records, List<String> expectedCounts) {}

  /**
   * Minutes [from, to): in each, the pair (tenant, type) number p has 1 + (p + minute) % 4 events,
   * so that the counts differ between pairs and minutes and a doubled or lost window shows.
   */
  static Batch minutes(int from, int to, int partitions) {
    List<String[]> events = new ArrayList<>(); // {clock, record}
    Map<String, Long> counts = new TreeMap<>();
    for (int minute = from; minute < to; minute++) {
      int pair = 0;
      for (String tenant : TENANTS) {
        for (String type : TYPES) {
          int perMinute = 1 + (pair + minute) % 4;
          for (int i = 0; i < perMinute; i++) {
            String clock =
                String.format("10:%02d:%02d.%03d", minute, (i * 13 + pair * 7) % 60, pair * 10 + i);
            String id = "m" + minute + "-" + tenant + "-" + pair + "-" + i;
            events.add(new String[] {clock, TestEvents.at(id, tenant, type, clock)});
          }
          counts.put(
              tenant + " " + type + " " + TestEvents.DAY + String.format("10:%02d:00Z", minute),
              (long) perMinute);
          pair++;
        }
      }
    }
    events.sort(Comparator.comparing(event -> event[0]));
    List<Record> records = new ArrayList<>();
    for (int i = 0; i < events.size(); i++) {
      records.add(new Record(i % partitions, events.get(i)[1]));
    }
    List<String> expected = new ArrayList<>();
    counts.forEach((key, count) -> expected.add(key + "=" + count));
    return new Batch(records, expected);
  }

  /**
   * One event per partition at 11:00: every partition's event time passes all the minutes before
   * it, so their windows close. Its own minute never closes and gives no count.
   */
  static Batch closing(int partitions) {
    List<Record> records = new ArrayList<>();
    for (int partition = 0; partition < partitions; partition++) {
      records.add(
          new Record(
              partition,
              TestEvents.at("closing-" + partition, TENANTS.get(0), TYPES.get(0), "11:00:00")));
    }
    return new Batch(records, List.of());
  }
}
