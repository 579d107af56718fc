package io.soma.hub.e2e.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * CPU time used by each process of the benchmark (the functions, the worker, Temporal and this JVM,
 * the client), the part of it spent by JIT compiler threads, and how busy the whole machine was: on
 * two shared cores a path's rate is bounded by the CPU each of its starts costs, and other
 * processes on the machine take their share.
 */
final class CpuTimes {

  /** Linux reports thread times in clock ticks of USER_HZ, 100 on every mainstream architecture. */
  private static final long NANOS_PER_TICK = 10_000_000L;

  /** CPU time per process over an interval (and of its JIT compiler threads), and the machine's. */
  record Delta(
      Map<String, Duration> byProcess,
      Map<String, Duration> jitByProcess,
      Duration wall,
      double machineBusy) {

    Duration total() {
      return byProcess.values().stream().reduce(Duration.ZERO, Duration::plus);
    }

    /** Cores' worth of CPU that processes outside the benchmark used meanwhile. */
    double otherCores() {
      double wallNanos = wall.toNanos();
      return machineBusy * Runtime.getRuntime().availableProcessors()
          - total().toNanos() / wallNanos;
    }
  }

  record Snapshot(
      Map<String, Duration> byProcess,
      Map<String, Map<Long, Long>> compilerTicks,
      long nanoTime,
      long[] machineTicks) {}

  private final Map<String, ProcessHandle> processes;

  CpuTimes(Map<String, ProcessHandle> processes) {
    this.processes = new LinkedHashMap<>(processes);
  }

  Snapshot snapshot() {
    Map<String, Duration> cpu = new LinkedHashMap<>();
    Map<String, Map<Long, Long>> compilers = new HashMap<>();
    processes.forEach(
        (name, process) -> {
          cpu.put(name, process.info().totalCpuDuration().orElse(Duration.ZERO));
          compilers.put(name, compilerThreadTicks(process.pid()));
        });
    return new Snapshot(cpu, compilers, System.nanoTime(), machineTicks());
  }

  Delta since(Snapshot before) {
    Snapshot now = snapshot();
    Map<String, Duration> used = new LinkedHashMap<>();
    Map<String, Duration> jit = new LinkedHashMap<>();
    now.byProcess().forEach((name, cpu) -> used.put(name, cpu.minus(before.byProcess().get(name))));
    now.compilerTicks()
        .forEach(
            (name, threads) ->
                jit.put(name, compilerTime(before.compilerTicks().get(name), threads)));
    return new Delta(
        used,
        jit,
        Duration.ofNanos(now.nanoTime() - before.nanoTime()),
        busy(before.machineTicks(), now.machineTicks()));
  }

  /** The process among this JVM's descendants whose command line contains every given word. */
  static Optional<ProcessHandle> descendant(String... words) {
    return ProcessHandle.current()
        .descendants()
        .filter(
            process -> {
              String line = process.info().commandLine().orElse("");
              return Arrays.stream(words).allMatch(line::contains);
            })
        .findFirst();
  }

  /**
   * Compiler threads come and go (HotSpot adds and retires them), so only the ticks of each thread
   * are compared.
   */
  private static Duration compilerTime(Map<Long, Long> before, Map<Long, Long> after) {
    long ticks = 0;
    for (Map.Entry<Long, Long> thread : after.entrySet()) {
      ticks += thread.getValue() - before.getOrDefault(thread.getKey(), 0L);
    }
    return Duration.ofNanos(ticks * NANOS_PER_TICK);
  }

  /**
   * utime + stime of each HotSpot compiler thread ("C1 CompilerThre", "C2 CompilerThre") by thread
   * id.
   */
  private static Map<Long, Long> compilerThreadTicks(long pid) {
    Map<Long, Long> ticks = new HashMap<>();
    Path tasks = Path.of("/proc", Long.toString(pid), "task");
    if (!Files.isDirectory(tasks)) {
      return ticks;
    }
    try (Stream<Path> threads = Files.list(tasks)) {
      threads.forEach(
          thread -> {
            String stat = readQuietly(thread.resolve("stat"));
            int open = stat.indexOf('(');
            int close = stat.lastIndexOf(')');
            if (open < 0
                || close < open
                || !stat.substring(open + 1, close).contains("CompilerThre")) {
              return;
            }
            // After the command: state is field 3, utime field 14 and stime field 15 of the whole
            // line.
            String[] fields = stat.substring(close + 2).split(" ");
            ticks.put(
                Long.parseLong(thread.getFileName().toString()),
                Long.parseLong(fields[11]) + Long.parseLong(fields[12]));
          });
    } catch (IOException | UncheckedIOException e) {
      // The process ended meanwhile; nothing to count.
    }
    return ticks;
  }

  private static String readQuietly(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      return "";
    }
  }

  /** The first line of /proc/stat: user, nice, system, idle, iowait, irq, softirq, steal ticks. */
  private static long[] machineTicks() {
    Path stat = Path.of("/proc/stat");
    if (!Files.isReadable(stat)) {
      return new long[0];
    }
    try {
      String cpu = Files.readAllLines(stat).get(0);
      return Arrays.stream(cpu.trim().split("\\s+")).skip(1).mapToLong(Long::parseLong).toArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static double busy(long[] before, long[] after) {
    if (before.length < 5 || after.length < 5) {
      return Double.NaN;
    }
    long total = 0;
    for (int i = 0; i < Math.min(8, after.length); i++) {
      total += after[i] - before[i];
    }
    long idle = (after[3] - before[3]) + (after[4] - before[4]);
    return total == 0 ? Double.NaN : 1.0 - (double) idle / total;
  }
}
