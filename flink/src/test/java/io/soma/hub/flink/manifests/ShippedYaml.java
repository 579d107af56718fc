package io.soma.hub.flink.manifests;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/**
 * The files of {@code flink/manifests} as YAML maps (snakeyaml-engine: the parser Flink reads
 * config.yaml with).
 */
public final class ShippedYaml {

  public static final Path MANIFESTS =
      Path.of(System.getProperty("hub.flink.manifests", "manifests"));

  private ShippedYaml() {}

  public static Map<String, Object> load(String relativePath) {
    try {
      return map(
          new Load(LoadSettings.builder().build())
              .loadFromString(Files.readString(MANIFESTS.resolve(relativePath))));
    } catch (IOException e) {
      throw new UncheckedIOException(relativePath, e);
    }
  }

  /** The shipped Flink configuration, flink-conf/config.yaml. */
  public static Map<String, Object> flinkConfig() {
    return load("flink-conf/config.yaml");
  }

  @SuppressWarnings("unchecked")
  public static Map<String, Object> map(Object node) {
    assertThat(node).isInstanceOf(Map.class);
    return (Map<String, Object>) node;
  }
}
