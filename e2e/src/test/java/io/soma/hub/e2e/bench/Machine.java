package io.soma.hub.e2e.bench;

import io.soma.hub.e2e.support.LocalTools;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** What the benchmark ran on, for the report. */
record Machine(
    int cpus, String cpuModel, String memory, String jdk, String os, String temporalCli) {

  static Machine current() {
    return new Machine(
        Runtime.getRuntime().availableProcessors(),
        procLine(Path.of("/proc/cpuinfo"), "model name").orElse("unknown"),
        procLine(Path.of("/proc/meminfo"), "MemTotal")
            .map(
                kb ->
                    String.format(
                        "%.1f GiB", Long.parseLong(kb.replaceAll("\\D", "")) / 1024.0 / 1024.0))
            .orElse("unknown"),
        System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"),
        System.getProperty("os.name") + " " + System.getProperty("os.version"),
        temporalVersion());
  }

  private static java.util.Optional<String> procLine(Path file, String key) {
    try {
      return Files.readAllLines(file).stream()
          .filter(line -> line.startsWith(key))
          .map(line -> line.substring(line.indexOf(':') + 1).trim())
          .findFirst();
    } catch (IOException e) {
      return java.util.Optional.empty();
    }
  }

  private static String temporalVersion() {
    try {
      Process process =
          new ProcessBuilder(List.of(LocalTools.temporalCli().toString(), "--version"))
              .redirectErrorStream(true)
              .start();
      String output = new String(process.getInputStream().readAllBytes()).trim();
      return process.waitFor(30, TimeUnit.SECONDS) && process.exitValue() == 0 ? output : "unknown";
    } catch (IOException e) {
      return "unknown";
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "unknown";
    }
  }
}
