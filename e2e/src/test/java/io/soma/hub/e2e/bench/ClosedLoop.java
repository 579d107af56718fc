package io.soma.hub.e2e.bench;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A closed-loop load generator: a fixed number of threads, each sending its next request as soon as
 * its last one is answered, so exactly {@code concurrency} requests are in flight. The same threads
 * serve both paths, so the client side costs the same whichever path is measured.
 */
final class ClosedLoop implements AutoCloseable {

  /** Starts one session and returns its workflow id; throws when the start failed. */
  @FunctionalInterface
  interface Start {
    String start(int index) throws Exception;
  }

  private final int concurrency;
  private final ExecutorService threads;

  ClosedLoop(int concurrency) {
    this.concurrency = concurrency;
    this.threads = Executors.newFixedThreadPool(concurrency);
  }

  Starts run(String path, int total, Start start) {
    AtomicInteger next = new AtomicInteger();
    long[] latencies = new long[total];
    List<String> ids = Collections.synchronizedList(new ArrayList<>());
    List<String> failures = Collections.synchronizedList(new ArrayList<>());
    CountDownLatch gate = new CountDownLatch(1);
    CountDownLatch done = new CountDownLatch(concurrency);
    for (int t = 0; t < concurrency; t++) {
      threads.execute(
          () -> {
            try {
              gate.await();
              for (int i = next.getAndIncrement(); i < total; i = next.getAndIncrement()) {
                long sent = System.nanoTime();
                try {
                  ids.add(start.start(i));
                  latencies[i] = System.nanoTime() - sent;
                } catch (Exception e) {
                  latencies[i] = -1;
                  failures.add(path + " #" + i + ": " + e);
                }
              }
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            } finally {
              done.countDown();
            }
          });
    }
    Instant startedAt = Instant.now();
    long began = System.nanoTime();
    gate.countDown();
    try {
      if (!done.await(10, TimeUnit.MINUTES)) {
        throw new IllegalStateException(path + " round did not finish within 10 minutes");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
    long elapsed = System.nanoTime() - began;
    long[] answered = Arrays.stream(latencies).filter(latency -> latency >= 0).toArray();
    return new Starts(startedAt, elapsed, answered, List.copyOf(ids), List.copyOf(failures));
  }

  @Override
  public void close() {
    threads.shutdownNow();
  }
}
