package io.soma.hub.knative.cli;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Renders a kustomization with the real kustomize: {@code $HUB_KUSTOMIZE DIR} when set (e.g.
 * "kustomize build"), else {@code kustomize build DIR}, else {@code kubectl kustomize DIR},
 * whichever is on PATH first.
 */
final class Kustomize {

  private static final long TIMEOUT_SECONDS = 120;

  private Kustomize() {}

  static String build(Path dir) {
    if (!Files.isRegularFile(dir.resolve("kustomization.yaml"))
        && !Files.isRegularFile(dir.resolve("kustomization.yml"))
        && !Files.isRegularFile(dir.resolve("Kustomization"))) {
      throw CliFailure.usage("no kustomization in " + dir.toAbsolutePath());
    }
    List<String> command = new ArrayList<>(command());
    command.add(dir.toString());
    try {
      Path output = Files.createTempFile("hub-kustomize", ".yaml");
      Path errors = Files.createTempFile("hub-kustomize", ".err");
      try {
        Process process =
            new ProcessBuilder(command)
                .redirectOutput(output.toFile())
                .redirectError(errors.toFile())
                .start();
        if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
          process.destroyForcibly();
          throw CliFailure.failed(
              String.join(" ", command) + " did not finish within " + TIMEOUT_SECONDS + " s");
        }
        if (process.exitValue() != 0) {
          throw CliFailure.failed(
              String.join(" ", command)
                  + " failed: "
                  + Files.readString(errors, StandardCharsets.UTF_8).strip());
        }
        return Files.readString(output, StandardCharsets.UTF_8);
      } finally {
        Files.deleteIfExists(output);
        Files.deleteIfExists(errors);
      }
    } catch (IOException e) {
      throw CliFailure.failed("cannot run " + String.join(" ", command) + ": " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw CliFailure.failed("interrupted while rendering " + dir, e);
    }
  }

  private static List<String> command() {
    String configured = System.getenv("HUB_KUSTOMIZE");
    if (configured != null && !configured.isBlank()) {
      return Arrays.asList(configured.trim().split("\\s+"));
    }
    if (onPath("kustomize")) {
      return List.of("kustomize", "build");
    }
    if (onPath("kubectl")) {
      return List.of("kubectl", "kustomize");
    }
    throw CliFailure.usage(
        "rendering a kustomization needs kustomize or kubectl on PATH (or HUB_KUSTOMIZE=COMMAND)");
  }

  private static boolean onPath(String program) {
    String path = System.getenv("PATH");
    return path != null
        && Arrays.stream(path.split(File.pathSeparator))
            .anyMatch(dir -> !dir.isEmpty() && Files.isExecutable(Path.of(dir, program)));
  }
}
