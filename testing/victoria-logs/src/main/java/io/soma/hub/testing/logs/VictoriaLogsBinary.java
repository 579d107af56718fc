package io.soma.hub.testing.logs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where the victoria-logs program is: the folder {@code HUB_VICTORIALOGS_BIN} names ({@code ./hub
 * test} sets it), else the folder tools/victorialogs/build prints (it builds the program once into
 * ~/.cache/soma-hub, about 30 s).
 */
final class VictoriaLogsBinary {

  private static final String BUILD = "tools/victorialogs/build";

  private VictoriaLogsBinary() {}

  static Path find() {
    String folder = System.getenv("HUB_VICTORIALOGS_BIN");
    Path binary =
        (folder == null || folder.isBlank() ? build() : Path.of(folder)).resolve("victoria-logs");
    if (!Files.isExecutable(binary)) {
      throw new IllegalStateException(
          "VictoriaLogs is not at " + binary + " (" + BUILD + " builds it)");
    }
    return binary;
  }

  private static Path build() {
    Path script = repositoryRoot().resolve(BUILD);
    try {
      Process build =
          new ProcessBuilder(script.toString())
              .redirectError(ProcessBuilder.Redirect.INHERIT)
              .start();
      String printed =
          new String(build.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
      if (build.waitFor() != 0 || printed.isEmpty()) {
        throw new IllegalStateException(BUILD + " failed with exit " + build.exitValue());
      }
      return Path.of(printed);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /**
   * The checkout this test runs in: the nearest folder up from the working directory that has the
   * build script.
   */
  private static Path repositoryRoot() {
    for (Path folder = Path.of("").toAbsolutePath(); folder != null; folder = folder.getParent()) {
      if (Files.isExecutable(folder.resolve(BUILD))) {
        return folder;
      }
    }
    throw new IllegalStateException("no " + BUILD + " above " + Path.of("").toAbsolutePath());
  }
}
