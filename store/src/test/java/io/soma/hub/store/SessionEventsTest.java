package io.soma.hub.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.soma.hub.store.SessionEvents.Event;
import io.soma.hub.store.SessionEvents.NewEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

class SessionEventsTest {

  private final JdbcClient jdbc = EmbeddedStore.migrated();
  private final SettableClock clock = new SettableClock(Instant.parse("2026-12-07T10:00:00Z"));
  private final SessionEvents events = new SessionEvents(jdbc, clock);

  @Test
  void eventsAreNumberedFromThreeInTheOrderAppended() {
    assertThat(events.append("acme", "s1", List.of(new NewEvent("model.started", "{}"))))
        .isEqualTo(3);
    assertThat(
            events.append(
                "acme",
                "s1",
                List.of(
                    new NewEvent("token", "{\"text\":\"a\"}"),
                    new NewEvent("token", "{\"text\":\"b\"}"))))
        .isEqualTo(5);

    assertThat(events.after("acme", "s1", 0, 10))
        .containsExactly(
            new Event(3, "model.started", "{}"),
            new Event(4, "token", "{\"text\":\"a\"}"),
            new Event(5, "token", "{\"text\":\"b\"}"));
    assertThat(events.after("acme", "s1", 4, 10)).extracting(Event::seq).containsExactly(5);
    assertThat(events.after("acme", "s1", 3, 1)).extracting(Event::seq).containsExactly(4);
  }

  @Test
  void anotherTenantReadsNothingAndSessionsAreNumberedApart() {
    events.append("acme", "s1", List.of(new NewEvent("token", "{}")));
    events.append("globex", "s2", List.of(new NewEvent("token", "{}")));

    assertThat(events.after("globex", "s1", 0, 10)).isEmpty();
    assertThat(events.after("globex", "s2", 0, 10)).extracting(Event::seq).containsExactly(3);
  }

  @Test
  void aLongAppendIsSplitIntoStatementsAndKeepsItsOrder() {
    int count = SessionEvents.ROWS_PER_INSERT * 2 + 7;
    List<NewEvent> tokens =
        IntStream.range(0, count)
            .mapToObj(i -> new NewEvent("token", "{\"i\":" + i + "}"))
            .toList();

    assertThat(events.append("acme", "s1", tokens)).isEqualTo(2 + count);
    List<Event> read = events.after("acme", "s1", 0, 1000);
    assertThat(read).hasSize(count);
    assertThat(read.get(count - 1))
        .isEqualTo(new Event(2 + count, "token", "{\"i\":" + (count - 1) + "}"));
  }

  @Test
  void eventsOlderThanTheCutoffAreDeleted() {
    events.append("acme", "old", List.of(new NewEvent("token", "{}")));
    clock.advance(Duration.ofDays(8));
    events.append("acme", "new", List.of(new NewEvent("token", "{}")));

    assertThat(events.deleteRecordedBefore(clock.instant().minus(Duration.ofDays(7)))).isEqualTo(1);
    assertThat(events.after("acme", "old", 0, 10)).isEmpty();
    assertThat(events.after("acme", "new", 0, 10)).hasSize(1);
  }

  @Test
  void aWriterThatKnowsTheNextNumberAppendsThereAndOneThatIsWrongAppendsAfterTheNewest() {
    int last = events.append("acme", "s1", List.of(new NewEvent("model.started", "{}")), 0);
    assertThat(last).isEqualTo(3);
    assertThat(events.append("acme", "s1", List.of(new NewEvent("token", "{}")), last + 1))
        .isEqualTo(4);

    assertThat(events.append("acme", "s1", List.of(new NewEvent("token", "{\"late\":1}")), 3))
        .as("3 is taken: after the newest")
        .isEqualTo(5);
    assertThat(events.after("acme", "s1", 0, 10)).extracting(Event::seq).containsExactly(3, 4, 5);
  }
}
