package io.soma.hub.worker.session;

import io.soma.hub.store.SessionEvents;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.concurrent.CustomizableThreadFactory;

/**
 * Deletes the sessions' streamed events once they are older than the retention: they serve whoever
 * watches a session while it runs or soon after (a conversation lasts a day at most); the reply and
 * the transcript are kept elsewhere. Several workers may delete at once; a row is deleted once.
 */
final class SessionEventsRetention implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(SessionEventsRetention.class);

  private final SessionEvents events;
  private final Clock clock;
  private final Duration retention;
  private final ScheduledExecutorService timer =
      Executors.newSingleThreadScheduledExecutor(
          new CustomizableThreadFactory("session-events-retention-"));

  SessionEventsRetention(SessionEvents events, Clock clock, Duration retention) {
    this.events = events;
    this.clock = clock;
    this.retention = retention;
  }

  SessionEventsRetention every(Duration interval) {
    timer.scheduleWithFixedDelay(
        this::deleteQuietly, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
    return this;
  }

  int deleteExpired() {
    return events.deleteRecordedBefore(clock.instant().minus(retention));
  }

  private void deleteQuietly() {
    try {
      int deleted = deleteExpired();
      if (deleted > 0) {
        log.info("Deleted {} session events older than {}", deleted, retention);
      }
    } catch (RuntimeException e) {
      log.warn(
          "Session events could not be deleted; retrying at the next interval: {}", e.getMessage());
    }
  }

  @Override
  public void close() {
    timer.shutdownNow();
  }
}
