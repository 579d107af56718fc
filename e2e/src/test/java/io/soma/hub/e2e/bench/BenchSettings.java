package io.soma.hub.e2e.bench;

import io.soma.hub.e2e.support.TemporalServer;
import java.util.Arrays;
import java.util.List;

/**
 * What a benchmark run does; each can be changed on the command line, e.g. {@code ./hub bench
 * -Dbench.concurrency=32}.
 *
 * @param sessions sessions per path (gateway and raw), split evenly over the rounds
 * @param rounds measured rounds per path, interleaved with the other path's
 * @param warmup unmeasured real starts per path before the first round
 * @param warmupRepeats unmeasured idempotent repeats per path after those (nothing new starts)
 * @param concurrency requests in flight at any time, for both paths
 * @param stores the hub stores to run against, in order: h2 (the local default) and/or postgres
 * @param profile record a JFR profile of the functions process during the measured rounds
 * @param hubJvmOptions JVM options for the worker and functions processes (JAVA_TOOL_OPTIONS), for
 *     experiments
 * @param completionRounds measured rounds per path of sessions and baseline workflows waited for to
 *     completion
 * @param completionsPerRound completions per such round
 * @param completionWarmup unmeasured completions per path before those rounds
 * @param singles sessions and baseline workflows run one at a time, each path, for their latency
 * @param temporal {@code dev}: the CLI's dev server (SQLite); {@code server}: the Temporal server
 *     built from source on its own PostgreSQL, the scale path
 * @param shards the server's history shards (with {@code server})
 * @param workers hub worker processes
 */
record BenchSettings(
    int sessions,
    int rounds,
    int warmup,
    int warmupRepeats,
    int concurrency,
    List<String> stores,
    boolean profile,
    String hubJvmOptions,
    int completionRounds,
    int completionsPerRound,
    int completionWarmup,
    int singles,
    String temporal,
    int shards,
    int workers) {

  BenchSettings {
    if (rounds < 1 || sessions % rounds != 0) {
      throw new IllegalArgumentException("bench.sessions must be a multiple of bench.rounds");
    }
    stores = List.copyOf(stores);
    if (!temporal.equals("dev") && !temporal.equals("server")) {
      throw new IllegalArgumentException("bench.temporal is dev or server, not " + temporal);
    }
    if (shards < 1 || workers < 1) {
      throw new IllegalArgumentException("bench.shards and bench.workers must be at least 1");
    }
  }

  static BenchSettings fromSystemProperties() {
    return new BenchSettings(
        Integer.getInteger("bench.sessions", 500),
        Integer.getInteger("bench.rounds", 10),
        Integer.getInteger("bench.warmup", 100),
        Integer.getInteger("bench.warmupRepeats", 400),
        Integer.getInteger("bench.concurrency", 16),
        Arrays.stream(System.getProperty("bench.stores", "h2").split(","))
            .map(String::trim)
            .filter(s -> !s.isEmpty())
            .toList(),
        Boolean.getBoolean("bench.profile"),
        System.getProperty("bench.hubJvmOptions", "").trim(),
        Integer.getInteger("bench.completionRounds", 5),
        Integer.getInteger("bench.completionsPerRound", 100),
        Integer.getInteger("bench.completionWarmup", 200),
        Integer.getInteger("bench.singles", 30),
        System.getProperty("bench.temporal", "dev").trim(),
        Integer.getInteger("bench.shards", TemporalServer.DEFAULT_HISTORY_SHARDS),
        Integer.getInteger("bench.workers", 1));
  }

  boolean onServer() {
    return temporal.equals("server");
  }

  int perRound() {
    return sessions / rounds;
  }
}
