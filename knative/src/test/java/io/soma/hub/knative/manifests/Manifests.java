package io.soma.hub.knative.manifests;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * Where the manifests, the CRD schemas and the functions' sources are, and how their YAML is read.
 */
final class Manifests {

  static final ObjectMapper YAML = new YAMLMapper();
  static final List<String> RENDERINGS = List.of("base", "overlays/local", "overlays/production");

  private Manifests() {}

  static Path root() {
    return Path.of(System.getProperty("hub.manifests", "manifests")).toAbsolutePath().normalize();
  }

  static Path schemas() {
    return Path.of(System.getProperty("hub.schemas", "../../shared/schemas"))
        .toAbsolutePath()
        .normalize();
  }

  /** The gateway functions' sources, beside the knative module. */
  static Path functionSources() {
    return root().resolve("../../functions/src/main/java").normalize();
  }

  static Path fixture(String name) {
    try {
      return Path.of(Manifests.class.getResource("/manifests/" + name).toURI());
    } catch (Exception e) {
      throw new IllegalStateException("fixture " + name, e);
    }
  }

  /** Every non-empty YAML document of a file. */
  static List<JsonNode> documents(Path file) {
    try {
      return YAML.readValues(YAML.createParser(file.toFile()), JsonNode.class).readAll().stream()
          .filter(node -> node != null && !node.isNull() && !node.isMissingNode())
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(file.toString(), e);
    }
  }

  static List<Path> yamlFilesUnder(Path dir) {
    try (Stream<Path> files = Files.walk(dir)) {
      return files.filter(Files::isRegularFile).filter(Manifests::isYaml).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(dir.toString(), e);
    }
  }

  static boolean isYaml(Path file) {
    String name = file.getFileName().toString();
    return name.endsWith(".yaml") || name.endsWith(".yml");
  }

  static boolean isKustomization(Path file) {
    return file.getFileName().toString().equals("kustomization.yaml");
  }
}
