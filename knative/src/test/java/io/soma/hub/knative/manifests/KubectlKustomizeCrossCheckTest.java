package io.soma.hub.knative.manifests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

/** Where kubectl is installed, its built-in kustomize must build exactly what the renderer of these tests builds. */
@DisplayName("The test renderer agrees with kubectl kustomize, where kubectl is installed")
class KubectlKustomizeCrossCheckTest {

  @ParameterizedTest
  @FieldSource("io.soma.hub.knative.manifests.Manifests#RENDERINGS")
  void sameObjects(String kustomization) throws Exception {
    Path dir = Manifests.root().resolve(kustomization);
    Path output = Files.createTempFile("kustomize", ".yaml");
    try {
      Process kubectl;
      try {
        kubectl =
            new ProcessBuilder("kubectl", "kustomize", dir.toString())
                .redirectOutput(output.toFile())
                .redirectErrorStream(false)
                .start();
      } catch (IOException notInstalled) {
        assumeTrue(false, "kubectl is not installed");
        return;
      }
      assertThat(kubectl.waitFor(60, TimeUnit.SECONDS)).isTrue();
      assertThat(kubectl.exitValue()).as(new String(kubectl.getErrorStream().readAllBytes())).isZero();

      assertThat(sorted(Manifests.documents(output)))
          .isEqualTo(sorted(List.copyOf(KustomizeRenderer.render(dir))));
    } finally {
      Files.deleteIfExists(output);
    }
  }

  private static List<JsonNode> sorted(List<? extends JsonNode> objects) {
    return objects.stream()
        .map(JsonNode.class::cast)
        .sorted(
            Comparator.comparing((JsonNode o) -> o.path("kind").asText())
                .thenComparing(o -> o.path("metadata").path("name").asText()))
        .toList();
  }
}
