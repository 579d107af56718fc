package io.soma.hub.knative.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.knative.serving.v1.Service;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.soma.hub.knative.manifests.SpecEndpoints;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class ManifestTemplatesTest {

  /** The catalog functions: the lines of knative/manifests/functions.txt. */
  static final List<String> CATALOG = SpecEndpoints.FUNCTIONS;

  @Test
  @DisplayName(
      "the production overlay, rendered by the real kustomize, gives one Service per catalog function")
  void productionOverlay() {
    ManifestTemplates templates =
        ManifestTemplates.kustomize(
            CliRun.MANIFESTS.resolve("overlays/production"), new KubernetesSerialization());

    assertThat(templates.services())
        .extracting(ManifestTemplates::functionOf)
        .containsExactlyInAnyOrderElementsOf(CATALOG);
    assertThat(templates.all())
        .extracting(GenericKubernetesResource::getKind)
        .contains("Namespace", "ConfigMap", "Deployment", "HTTPRoute");
    for (String function : CATALOG) {
      GenericKubernetesResource byFunction = templates.function(function);
      assertThat(byFunction.getMetadata().getName())
          .isEqualTo("hub-" + ManifestTemplates.kebab(function));
      assertThat(templates.function(ManifestTemplates.kebab(function))).isSameAs(byFunction);
      assertThat(templates.function(byFunction.getMetadata().getName())).isSameAs(byFunction);
    }
  }

  @Test
  @DisplayName(
      "without --image a deploy takes the image the overlay names: the local one what ./hub cluster load loads")
  void overlayImage() {
    ManifestTemplates local =
        ManifestTemplates.kustomize(
            CliRun.MANIFESTS.resolve("overlays/local"), new KubernetesSerialization());
    ManifestTemplates production =
        ManifestTemplates.kustomize(
            CliRun.MANIFESTS.resolve("overlays/production"), new KubernetesSerialization());

    assertThat(local.services())
        .extracting(Deployer::image)
        .containsOnly("dev.local/soma-agent-hub/functions:dev");
    assertThat(Deployer.image(production.function("status")))
        .isEqualTo("ghcr.io/soma-agent-hub/functions:0.1.0");
  }

  @Test
  @DisplayName("a kustomization beside plain Services is skipped")
  void skipsKustomization() {
    ManifestTemplates templates =
        ManifestTemplates.directory(CliRun.FIXTURES, new KubernetesSerialization());

    assertThat(templates.services())
        .extracting(s -> s.getMetadata().getName())
        .containsExactly("hub-create-session", "hub-status");
  }

  @Test
  @DisplayName(
      "the deployed copy carries the image and kn's annotations, and no fixed revision name unless asked")
  void withImage() {
    GenericKubernetesResource template =
        ManifestTemplates.directory(CliRun.FIXTURES, new KubernetesSerialization())
            .function("status");
    KubernetesSerialization serialization = new KubernetesSerialization();

    GenericKubernetesResource deployed =
        Deployer.withImage(
            serialization.clone(template),
            "reg/functions:2.0",
            Instant.parse("2026-11-25T12:00:00Z"),
            null);
    GenericKubernetesResource named =
        Deployer.withImage(
            serialization.clone(template),
            "reg/functions:2.0",
            Instant.parse("2026-11-25T12:00:00Z"),
            "v2");

    Service service = serialization.convertValue(deployed, Service.class);
    assertThat(service.getSpec().getTemplate().getMetadata().getName()).isNull();
    assertThat(service.getSpec().getTemplate().getSpec().getContainers().get(0).getImage())
        .isEqualTo("reg/functions:2.0");
    assertThat(service.getSpec().getTemplate().getMetadata().getAnnotations())
        .containsEntry(Deployer.UPDATE_TIMESTAMP, "2026-11-25T12:00:00Z")
        .containsEntry(Deployer.USER_IMAGE, "reg/functions:2.0");
    assertThat(
            serialization
                .convertValue(named, Service.class)
                .getSpec()
                .getTemplate()
                .getMetadata()
                .getName())
        .isEqualTo("hub-status-v2");
    assertThat(ManifestTemplates.functionOf(template)).isEqualTo("status");
  }

  @Test
  @DisplayName("a directory without Services is refused")
  void noServices() {
    assertThatThrownBy(
            () ->
                ManifestTemplates.directory(
                    Path.of("src/test/resources/cli"), new KubernetesSerialization()))
        .isInstanceOf(CliFailure.class)
        .hasMessageContaining("no serving.knative.dev/v1 Service in");
  }

  @Test
  @DisplayName(
      "the migration Job of a deploy runs the image deployed, under a name that carries its release")
  void migrationJobFollowsTheImage() {
    KubernetesSerialization serialization = new KubernetesSerialization();
    GenericKubernetesResource job =
        ManifestTemplates.kustomize(CliRun.MANIFESTS.resolve("overlays/production"), serialization)
            .all()
            .stream()
            .filter(Deployer::isMigrationJob)
            .findFirst()
            .orElseThrow();

    GenericKubernetesResource deployed =
        Deployer.migrationFor(serialization.clone(job), "reg/functions:1.4.2");

    assertThat(deployed.getMetadata().getName()).isEqualTo("hub-migrate-1-4-2");
    assertThat(serialization.asJson(deployed)).contains("\"image\":\"reg/functions:1.4.2\"");
    assertThat(Deployer.release("reg/functions@sha256:0123456789abcdef0123"))
        .isEqualTo("0123456789ab");
    assertThat(Deployer.release("reg/functions:1.4.2-RC_1")).isEqualTo("1-4-2-rc-1");
  }
}
