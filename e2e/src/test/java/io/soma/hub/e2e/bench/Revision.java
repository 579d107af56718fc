package io.soma.hub.e2e.bench;

import io.soma.hub.e2e.support.HubJars;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Which code a run measured: the commit, the modules with uncommitted changes, and when the jars
 * were built (the harness copies them as each hub starts, so a rebuild during a run shows as
 * different times per store).
 */
record Revision(String commit, List<String> uncommitted, Instant functionsJar, Instant workerJar) {

  static Revision current() {
    Path root = HubJars.root();
    List<String> dirty = new ArrayList<>();
    for (String module : List.of("functions", "workers", "contracts", "store")) {
      if (!git(root, "status", "--porcelain", "--", module).isBlank()) {
        dirty.add(module + "/");
      }
    }
    return new Revision(
        git(root, "rev-parse", "--short", "HEAD").trim(),
        dirty,
        built(HubJars.functions()),
        built(HubJars.worker()));
  }

  String describe() {
    return String.format(
        "commit %s%s; functions.jar built %s, worker.jar built %s",
        commit.isEmpty() ? "unknown" : commit,
        uncommitted.isEmpty()
            ? ""
            : " with uncommitted changes in " + String.join(", ", uncommitted),
        functionsJar,
        workerJar);
  }

  private static Instant built(Path jar) {
    try {
      return Files.getLastModifiedTime(jar).toInstant().truncatedTo(ChronoUnit.SECONDS);
    } catch (IOException e) {
      return null;
    }
  }

  private static String git(Path root, String... arguments) {
    List<String> command = new ArrayList<>(List.of("git", "-C", root.toString()));
    command.addAll(List.of(arguments));
    try {
      Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
      String output = new String(process.getInputStream().readAllBytes());
      return process.waitFor(30, TimeUnit.SECONDS) && process.exitValue() == 0 ? output : "";
    } catch (IOException e) {
      return "";
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "";
    }
  }
}
