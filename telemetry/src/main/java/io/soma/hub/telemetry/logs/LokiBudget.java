package io.soma.hub.telemetry.logs;

import java.time.Duration;

/**
 * How much the Loki appender buffers and how long it retries. Lines wait in loki4j's send queue
 * while Loki is unreachable; a line that does not fit is dropped (and counted in {@code
 * loki4j_drop_events_total}) rather than making the logging thread wait, and a batch whose retries
 * run out is dropped (and counted in {@code loki4j_send_errors_total}).
 *
 * @param batchMaxItems lines per push request
 * @param batchMaxBytes bytes per push request as Loki counts them; at most Loki's {@code
 *     grpc_server_max_recv_msg_size}
 * @param batchTimeout how long a partial batch waits for more lines
 * @param sendQueueMaxBytes encoded bytes held for Loki; loki4j raises it to at least five batches
 * @param maxRetries attempts after the first before a batch is dropped
 * @param minRetryBackoff the first wait, doubled after each attempt up to {@code maxRetryBackoff}
 * @param maxRetryJitterMs a random extra wait of up to this, so restarted pods do not retry in step
 * @param drainTimeout how long stopping the appender (at shutdown) waits for the queue to reach
 *     Loki
 */
public record LokiBudget(
    int batchMaxItems,
    int batchMaxBytes,
    Duration batchTimeout,
    long sendQueueMaxBytes,
    int maxRetries,
    Duration minRetryBackoff,
    Duration maxRetryBackoff,
    int maxRetryJitterMs,
    Duration connectTimeout,
    Duration requestTimeout,
    Duration drainTimeout) {

  /**
   * A line as the JSON push API carries it: LokiLineSizeTest measured 443 bytes for a typical
   * gateway line (JSON message of about 200 characters, three ids as structured metadata, the
   * timestamp) and fails above this.
   */
  static final int MEASURED_LINE_BYTES = 450;

  /**
   * Sized for a 60 s outage at 1,000 lines/s with room to spare. Queue: 1,000 lines/s x 60 s x 450
   * bytes = 27 MB for the target; 40 MiB (41,943,040 bytes, loki4j's own default, so no more memory
   * than the stock appender) holds 41,943,040 / 450,000 = 93 s of such lines. loki4j keeps the
   * queue in direct buffers allocated as batches wait, so a process whose Loki is up holds only the
   * batch being sent. Retries: waits of 0.5, 1, 2, 4 s, then 5 s each: 30 retries span 0.5 + 1 + 2
   * + 4 + 26 x 5 = 137.5 s of outage (plus the attempts' own timeouts), twice the 60 s target, and
   * the 5 s cap means a batch reaches Loki at most about 5 s after it is back. One-second batches
   * keep lines in Loki within a second or two while it is up. At shutdown the queue gets 15 s to
   * drain: a function's pod has 75 s, 30 s of them for the queue-proxy and 25 s for Spring's
   * shutdown.
   */
  public static final LokiBudget SIXTY_SECOND_OUTAGE =
      new LokiBudget(
          1_000,
          1024 * 1024,
          Duration.ofSeconds(1),
          40L * 1024 * 1024,
          30,
          Duration.ofMillis(500),
          Duration.ofSeconds(5),
          500,
          Duration.ofSeconds(5),
          Duration.ofSeconds(10),
          Duration.ofSeconds(15));

  public LokiBudget {
    if (batchMaxItems < 1 || batchMaxBytes < 1024 || maxRetries < 0 || maxRetryJitterMs < 0) {
      throw new IllegalArgumentException(
          "a Loki budget needs at least one line and 1 KiB a batch, no negative count");
    }
    for (Duration duration :
        new Duration[] {
          batchTimeout,
          minRetryBackoff,
          maxRetryBackoff,
          connectTimeout,
          requestTimeout,
          drainTimeout
        }) {
      if (duration.isNegative() || duration.isZero()) {
        throw new IllegalArgumentException(
            "a Loki budget's durations must be positive: " + duration);
      }
    }
    if (maxRetryBackoff.compareTo(minRetryBackoff) < 0) {
      throw new IllegalArgumentException("the longest retry wait is below the first one");
    }
    if (sendQueueMaxBytes < 5L * batchMaxBytes) {
      throw new IllegalArgumentException(
          "loki4j holds at least five batches: the send queue must be >= 5 x " + batchMaxBytes);
    }
  }

  /**
   * The outage a batch survives, by its retry waits alone (loki4j's exponential backoff, no jitter,
   * no timeouts).
   */
  public Duration outageSurvived() {
    long total = 0;
    long delay = minRetryBackoff.toMillis();
    long cap = maxRetryBackoff.toMillis();
    for (int retry = 0; retry < maxRetries; retry++) {
      total += Math.min(delay, cap);
      delay = Math.min(delay * 2, cap);
    }
    return Duration.ofMillis(total);
  }

  /** Seconds of {@code linesPerSecond} at {@code lineBytes} each that the send queue holds. */
  public double secondsQueued(int linesPerSecond, int lineBytes) {
    return (double) sendQueueMaxBytes / ((long) linesPerSecond * lineBytes);
  }
}
