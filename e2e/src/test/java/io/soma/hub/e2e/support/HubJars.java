package io.soma.hub.e2e.support;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;

/** The jars the build makes; a test that needs one that is not built is skipped. */
public final class HubJars {

  private HubJars() {}

  public static Path root() {
    return Path.of(System.getProperty("hub.root", "..")).toAbsolutePath().normalize();
  }

  public static Path functions() {
    return required("functions/target/functions.jar");
  }

  public static Path worker() {
    return required("workers/target/worker.jar");
  }

  private static Path required(String relative) {
    Path jar = root().resolve(relative);
    Assumptions.assumeTrue(Files.isRegularFile(jar), () -> relative + " is not built");
    return jar;
  }
}
