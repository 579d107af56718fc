package io.soma.hub.e2e.support;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Assumptions;

/** The jars the build makes; a test that needs one that is not built is skipped. */
public final class HubJars {

  static final String FUNCTIONS = "functions/target/functions.jar";
  static final String WORKER = "workers/target/worker.jar";
  static final List<String> ALL = List.of(FUNCTIONS, WORKER);

  private HubJars() {}

  public static Path root() {
    return Path.of(System.getProperty("hub.root", "..")).toAbsolutePath().normalize();
  }

  public static Path functions() {
    return required(FUNCTIONS);
  }

  public static Path worker() {
    return required(WORKER);
  }

  private static Path required(String relative) {
    Path jar = root().resolve(relative);
    Assumptions.assumeTrue(Files.isRegularFile(jar), () -> relative + " is not built");
    return jar;
  }
}
