package io.soma.hub.functions.http;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.soma.hub.functions.errors.UnavailableException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.scheduling.concurrent.CustomizableThreadFactory;
import org.springframework.web.servlet.function.ServerResponse;

/**
 * Answers {@link EventStream}s as server-sent events (text/event-stream). No thread waits per
 * stream: a few pump threads poll each open stream every {@code pollEvery} and write what it
 * returns. A comment line goes out after {@code heartbeatAfter} of silence, so proxies keep the
 * connection open; the response ends when the stream has ended or after {@code maxDuration}, which
 * stays below the request timeout of whatever proxy is in front (Knative's revision timeout): the
 * client reconnects with {@code Last-Event-ID} and continues where it was. At shutdown, before the
 * web server's graceful drain, every open response is ended the same way, so none holds the drain
 * up.
 */
public final class EventStreams implements SmartLifecycle {

  private static final Logger log = LoggerFactory.getLogger(EventStreams.class);
  public static final MediaType TEXT_EVENT_STREAM =
      MediaType.parseMediaType("text/event-stream;charset=UTF-8");

  /**
   * How long a client waits before reconnecting after the response ended without the stream's end.
   */
  static final Duration RECONNECT_AFTER = Duration.ofSeconds(1);

  private static final int PUMP_THREADS = 2;

  private final Duration pollEvery;
  private final Duration heartbeatAfter;
  private final Duration maxDuration;
  private final int maxOpen;
  private final Set<Pump> pumps = ConcurrentHashMap.newKeySet();
  private volatile boolean running;
  private final ScheduledExecutorService pump =
      Executors.newScheduledThreadPool(
          PUMP_THREADS, new CustomizableThreadFactory("event-stream-pump-"));

  private final Counter opened;

  public EventStreams(
      Duration pollEvery,
      Duration heartbeatAfter,
      Duration maxDuration,
      int maxOpen,
      MeterRegistry registry) {
    this.pollEvery = pollEvery;
    this.heartbeatAfter = heartbeatAfter;
    this.maxDuration = maxDuration;
    this.maxOpen = maxOpen;
    this.opened =
        Counter.builder("gateway.event.streams.opened")
            .description("Event stream responses opened (a client's reconnection is one more)")
            .register(registry);
    Gauge.builder("gateway.event.streams.open", pumps, Set::size)
        .description("Event stream responses open now")
        .register(registry);
  }

  /** The streams answering now. */
  public int open() {
    return pumps.size();
  }

  /**
   * The response that streams {@code stream}; more than {@code maxOpen} at once are refused with
   * 503.
   */
  ServerResponse serve(EventStream stream, HttpHeaders headers) {
    if (!running) {
      throw new UnavailableException("this instance is shutting down; reconnect");
    }
    if (pumps.size() >= maxOpen) {
      throw new UnavailableException(
          "this instance streams " + maxOpen + " sessions' events already; retry later");
    }
    return ServerResponse.ok()
        .headers(answer -> answer.addAll(headers))
        .contentType(TEXT_EVENT_STREAM)
        .header(HttpHeaders.CACHE_CONTROL, "no-cache")
        // nginx and some ingresses buffer responses unless told not to.
        .header("X-Accel-Buffering", "no")
        .stream(out -> new Pump(stream, out).start());
  }

  /** The headers a HEAD gets, without opening the stream. */
  static ServerResponse head(HttpHeaders headers) {
    return ServerResponse.ok()
        .headers(answer -> answer.addAll(headers))
        .contentType(TEXT_EVENT_STREAM)
        .header(HttpHeaders.CACHE_CONTROL, "no-cache")
        .build();
  }

  @Override
  public void start() {
    running = true;
  }

  /**
   * Ends every open response at its next poll (their clients reconnect elsewhere), waits a moment
   * for that, and stops polling.
   */
  @Override
  public void stop() {
    running = false;
    long deadline = System.nanoTime() + pollEvery.multipliedBy(10).toNanos();
    synchronized (pumps) {
      long left;
      while (!pumps.isEmpty() && (left = deadline - System.nanoTime()) > 0) {
        try {
          pumps.wait(TimeUnit.NANOSECONDS.toMillis(left) + 1);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          break;
        }
      }
    }
    pump.shutdownNow();
  }

  @Override
  public boolean isRunning() {
    return running;
  }

  /**
   * Stopped before the web server's graceful shutdown, which would otherwise wait for the open
   * responses.
   */
  @Override
  public int getPhase() {
    return SmartLifecycle.DEFAULT_PHASE;
  }

  /** One open response: polled on the pump threads, one tick at a time. */
  private final class Pump {

    private final EventStream stream;
    private final ServerResponse.StreamBuilder out;
    private final AtomicBoolean stopped = new AtomicBoolean();
    private final long startedNanos = System.nanoTime();
    private long lastWriteNanos = startedNanos;
    private boolean greeted;

    Pump(EventStream stream, ServerResponse.StreamBuilder out) {
      this.stream = stream;
      this.out = out;
    }

    void start() {
      pumps.add(this);
      opened.increment();
      out.onComplete(this::stop).onError(failure -> stop()).onTimeout(this::finish);
      pump.execute(this::tick);
    }

    private void tick() {
      if (stopped.get()) {
        return;
      }
      try {
        if (!greeted) {
          write("retry: " + RECONNECT_AFTER.toMillis() + "\n\n");
          greeted = true;
        }
        for (EventStream.Event event : stream.poll()) {
          write(
              "id: "
                  + event.id()
                  + "\nevent: "
                  + event.name()
                  + "\ndata: "
                  + event.json()
                  + "\n\n");
        }
        long now = System.nanoTime();
        if (now - lastWriteNanos >= heartbeatAfter.toNanos()) {
          write(": keep-alive\n\n");
        }
        out.flush();
        if (stream.ended() || now - startedNanos >= maxDuration.toNanos() || !running) {
          finish();
          return;
        }
        pump.schedule(this::tick, pollEvery.toMillis(), TimeUnit.MILLISECONDS);
      } catch (IOException gone) {
        // The client went away: nothing more to write; the response is done.
        finish();
      } catch (RuntimeException failure) {
        // The events cannot be read now (store or orchestrator down): say so and end; the client
        // retries.
        log.warn("An event stream ends early: {}", failure.getMessage());
        try {
          write(
              "event: unavailable\ndata: {\"status\":503,\"detail\":\"the session's events cannot be read now;"
                  + " reconnect with Last-Event-ID\"}\n\n");
        } catch (IOException ignored) {
          // Gone as well.
        }
        finish();
      }
    }

    private void write(String frame) throws IOException {
      out.write(frame.getBytes(StandardCharsets.UTF_8));
      lastWriteNanos = System.nanoTime();
    }

    void finish() {
      if (stopped.compareAndSet(false, true)) {
        leave();
        out.complete();
      }
    }

    private void stop() {
      if (stopped.compareAndSet(false, true)) {
        leave();
      }
    }

    /** Out of the open set; a shutdown waiting for the set to empty is told. */
    private void leave() {
      synchronized (pumps) {
        pumps.remove(this);
        pumps.notifyAll();
      }
    }
  }
}
