package io.soma.hub.knative.manifests;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;

/**
 * {@code kubectl kustomize}, the renderer operators apply the manifests with ({@code kubectl apply
 * -k}): kubectl from {@code KUBECTL}, else {@code PATH}. Without it a test is skipped, and fails
 * under {@code ./hub test} (HUB_E2E_REQUIRE_TOOLS=true).
 */
final class Kustomize {

  private Kustomize() {}

  /**
   * The objects {@code kubectl kustomize dir} builds, in its order; a build it refuses fails with
   * its words.
   */
  static List<ObjectNode> build(Path dir) {
    try {
      Process process =
          new ProcessBuilder(
                  kubectl().toString(),
                  "kustomize",
                  "--load-restrictor",
                  "LoadRestrictionsNone",
                  dir.toString())
              .start();
      CompletableFuture<byte[]> errors =
          CompletableFuture.supplyAsync(() -> readAll(process.getErrorStream()));
      String yaml = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!process.waitFor(60, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new AssertionError("kubectl kustomize " + dir + " did not end within 60 s");
      }
      if (process.exitValue() != 0) {
        throw new IllegalStateException(
            "kubectl kustomize "
                + dir
                + ": "
                + new String(errors.join(), StandardCharsets.UTF_8).strip());
      }
      List<ObjectNode> objects = new ArrayList<>();
      for (JsonNode document :
          Manifests.YAML.readValues(Manifests.YAML.createParser(yaml), JsonNode.class).readAll()) {
        if (document instanceof ObjectNode object) {
          objects.add(object);
        }
      }
      return objects;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  private static byte[] readAll(java.io.InputStream in) {
    try {
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Path kubectl() {
    Optional<Path> found =
        Stream.concat(
                Optional.ofNullable(System.getenv("KUBECTL")).map(Path::of).stream(),
                Stream.of(System.getenv().getOrDefault("PATH", "").split(":"))
                    .filter(dir -> !dir.isBlank())
                    .map(dir -> Path.of(dir, "kubectl")))
            .filter(Files::isExecutable)
            .findFirst();
    if (found.isPresent()) {
      return found.get();
    }
    String message = "missing kubectl (set KUBECTL, or put it on PATH)";
    if (Boolean.parseBoolean(System.getenv("HUB_E2E_REQUIRE_TOOLS"))) {
      throw new AssertionError(message);
    }
    Assumptions.abort(message);
    throw new AssertionError("unreachable");
  }

  /** The name of an image reference, without its tag or digest. */
  static String imageName(String image) {
    int at = image.indexOf('@');
    String withoutDigest = at < 0 ? image : image.substring(0, at);
    int colon = withoutDigest.lastIndexOf(':');
    return colon > withoutDigest.lastIndexOf('/')
        ? withoutDigest.substring(0, colon)
        : withoutDigest;
  }
}
