package io.soma.hub.knative.manifests;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.SecretKeySelector;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

@DisplayName(
    "The migration Job: the functions image's migrate command, once per release, as the schema's owner")
class MigrationJobContractTest {

  static Stream<Rendered> renderings() {
    return Manifests.RENDERINGS.stream().map(Rendered::of);
  }

  @ParameterizedTest
  @MethodSource("renderings")
  @DisplayName(
      "one Job, named after the release of its image, running the functions image with migrate")
  void oneJobPerRelease(Rendered rendered) {
    Job job = job(rendered);
    Container migrate = migrate(job);
    String functionsImage =
        FunctionServiceContractTest.container(
                rendered.all(io.fabric8.knative.serving.v1.Service.class).get(0))
            .getImage();
    String tag = migrate.getImage().substring(Kustomize.imageName(migrate.getImage()).length() + 1);

    assertThat(migrate.getImage()).as("the functions' image and tag").isEqualTo(functionsImage);
    assertThat(job.getMetadata().getName())
        .as("the Job's name carries its image's tag (the overlay's patches/migrate-release.yaml)")
        .isEqualTo("hub-migrate-" + tag.replace('.', '-'));
    assertThat(job.getMetadata().getNamespace()).isEqualTo("soma-hub");
    assertThat(migrate.getCommand()).as("the image's entrypoint").isNullOrEmpty();
    assertThat(migrate.getArgs()).containsExactly("migrate");
  }

  @ParameterizedTest
  @MethodSource("renderings")
  @DisplayName(
      "runs to an end: never restarted in place, a few retries, a deadline, cleaned up after a day")
  void runsToAnEnd(Rendered rendered) {
    Job job = job(rendered);
    PodSpec pod = job.getSpec().getTemplate().getSpec();

    assertThat(pod.getRestartPolicy()).isEqualTo("Never");
    assertThat(job.getSpec().getBackoffLimit()).isBetween(1, 5);
    assertThat(job.getSpec().getActiveDeadlineSeconds()).isPositive();
    assertThat(job.getSpec().getTtlSecondsAfterFinished()).isPositive();
    assertThat(job.getSpec().getTemplate().getMetadata().getAnnotations())
        .containsEntry("sidecar.istio.io/inject", "false");
    assertThat(migrate(job).getResources().getRequests()).containsKeys("cpu", "memory");
    assertThat(migrate(job).getResources().getLimits()).containsKeys("cpu", "memory");
  }

  @ParameterizedTest
  @MethodSource("renderings")
  @DisplayName(
      "the migration user from its own Secret keys; the functions and the worker use the other user")
  void twoDatabaseUsers(Rendered rendered) {
    Container migrate = migrate(job(rendered));

    assertThat(migrate.getEnv()).noneMatch(Rendered::literalSecret);
    assertThat(secretKey(migrate, "HUB_DB_USER")).isEqualTo("migrate-db-user");
    assertThat(secretKey(migrate, "HUB_DB_PASSWORD")).isEqualTo("migrate-db-password");
    assertThat(migrate.getEnvFrom())
        .singleElement()
        .satisfies(
            source -> assertThat(source.getConfigMapRef().getName()).isEqualTo("hub-config"));
    assertThat(rendered.one(ConfigMap.class, "hub-config").getData()).containsKey("HUB_DB_URL");

    List<Container> servers =
        Stream.concat(
                rendered.all(io.fabric8.knative.serving.v1.Service.class).stream()
                    .map(FunctionServiceContractTest::container),
                rendered.all(Deployment.class).stream()
                    .flatMap(
                        deployment ->
                            deployment.getSpec().getTemplate().getSpec().getContainers().stream()))
            .toList();
    assertThat(servers).hasSize(SpecEndpoints.FUNCTIONS.size() + 1);
    assertThat(servers)
        .allSatisfy(
            server -> {
              assertThat(secretKey(server, "HUB_DB_USER")).isEqualTo("db-user");
              assertThat(secretKey(server, "HUB_DB_PASSWORD")).isEqualTo("db-password");
            });
  }

  @ParameterizedTest
  @MethodSource("renderings")
  @DisplayName(
      "hardened like the functions: non-root 10001, RuntimeDefault seccomp, no capabilities, read-only root")
  void hardened(Rendered rendered) {
    Job job = job(rendered);
    PodSpec pod = job.getSpec().getTemplate().getSpec();
    Container migrate = migrate(job);

    assertThat(pod.getSecurityContext().getRunAsNonRoot()).isTrue();
    assertThat(pod.getSecurityContext().getRunAsUser()).isEqualTo(10001L);
    assertThat(pod.getSecurityContext().getSeccompProfile().getType()).isEqualTo("RuntimeDefault");
    assertThat(pod.getAutomountServiceAccountToken()).as("no Kubernetes API access").isFalse();
    Hardening.assertHardened(migrate, pod.getVolumes());
  }

  private static Job job(Rendered rendered) {
    List<Job> jobs = rendered.all(Job.class);
    assertThat(jobs).as("%s: Jobs", rendered).hasSize(1);
    Job job = jobs.get(0);
    assertThat(job.getMetadata().getLabels())
        .containsEntry("app.kubernetes.io/component", "migrations");
    return job;
  }

  private static Container migrate(Job job) {
    assertThat(job.getSpec().getTemplate().getSpec().getContainers()).hasSize(1);
    return job.getSpec().getTemplate().getSpec().getContainers().get(0);
  }

  private static String secretKey(Container container, String name) {
    SecretKeySelector key =
        container.getEnv().stream()
            .filter(env -> env.getName().equals(name))
            .map(EnvVar::getValueFrom)
            .findFirst()
            .orElseThrow(() -> new AssertionError(container.getName() + " does not set " + name))
            .getSecretKeyRef();
    assertThat(key.getName()).isEqualTo("hub-secrets");
    assertThat(key.getOptional())
        .as("%s of %s is required", name, container.getName())
        .isNotEqualTo(true);
    return key.getKey();
  }
}
