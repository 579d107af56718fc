package io.soma.hub.e2e.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Assumptions;

/**
 * An OCI image tarball as Jib's {@code buildTar} writes it ({@code index.json}, {@code
 * blobs/sha256/…}): its config, and its root filesystem, the layers unpacked in order as a
 * container runtime does. Closing it deletes what it unpacked (a root filesystem is gigabytes).
 */
public final class OciImage implements AutoCloseable {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final Path layout;
  private final List<Path> unpacked = new ArrayList<>();
  private final JsonNode manifest;
  private final JsonNode config;

  private OciImage(Path layout) {
    this.layout = layout;
    unpacked.add(layout);
    JsonNode index = read(layout.resolve("index.json"));
    this.manifest = read(blob(index.path("manifests").path(0).path("digest").asText()));
    this.config = read(blob(manifest.path("config").path("digest").asText()));
  }

  /**
   * The image the build made at {@code relative} (e.g. functions/target/jib-image.tar), unpacked
   * into a temporary directory. {@code ./hub test} builds the images (-Pimages), so there a missing
   * one fails; a bare mvn run skips.
   */
  public static OciImage built(String relative) {
    Path tarball = HubJars.root().resolve(relative);
    if (!Files.isRegularFile(tarball)) {
      String message = relative + " is not built (./hub images, or ./mvnw -Pimages package)";
      if (Boolean.parseBoolean(System.getenv("HUB_E2E_REQUIRE_TOOLS"))) {
        throw new AssertionError(message);
      }
      Assumptions.abort(message);
    }
    try {
      Path layout = Files.createTempDirectory("hub-image");
      Commands.require(
          null,
          Duration.ofMinutes(2),
          List.of("tar", "-xf", tarball.toString(), "-C", layout.toString()));
      return new OciImage(layout);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public String user() {
    return config.path("config").path("User").asText();
  }

  public List<String> entrypoint() {
    return strings(config.path("config").path("Entrypoint"));
  }

  /** The image's environment (NAME=value entries) as a map. */
  public Map<String, String> environment() {
    Map<String, String> environment = new TreeMap<>();
    for (String entry : strings(config.path("config").path("Env"))) {
      int equals = entry.indexOf('=');
      environment.put(entry.substring(0, equals), entry.substring(equals + 1));
    }
    return environment;
  }

  /** The layers' names (Jib's history comments), bottom first. */
  public List<String> layerNames() {
    List<String> names = new ArrayList<>();
    config.path("history").forEach(entry -> names.add(entry.path("comment").asText()));
    return names;
  }

  /** Unpacks every layer, bottom first, into a new directory: the container's root filesystem. */
  public Path unpackRootFilesystem() {
    try {
      Path root = Files.createTempDirectory("hub-rootfs");
      unpacked.add(root);
      // A runtime's root directory is 755; a temporary directory is 700, which the image's user
      // could not enter.
      Files.setPosixFilePermissions(root, PosixFilePermissions.fromString("rwxr-xr-x"));
      for (JsonNode layer : manifest.path("layers")) {
        // As root, tar keeps the layer's owners and modes, which is what the tests look at.
        Path blob = blob(layer.path("digest").asText());
        Commands.require(
            null,
            Duration.ofMinutes(2),
            List.of("tar", "-xzf", blob.toString(), "-C", root.toString()));
      }
      return root;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    unpacked.forEach(Directories::deleteRecursively);
  }

  private Path blob(String digest) {
    return layout.resolve("blobs").resolve(digest.replace(':', '/'));
  }

  private static List<String> strings(JsonNode array) {
    List<String> values = new ArrayList<>();
    array.forEach(value -> values.add(value.asText()));
    return values;
  }

  private static JsonNode read(Path file) {
    try {
      return JSON.readTree(file.toFile());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
