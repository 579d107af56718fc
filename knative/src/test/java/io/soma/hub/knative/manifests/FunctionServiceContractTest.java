package io.soma.hub.knative.manifests;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.knative.serving.v1.RevisionSpec;
import io.fabric8.knative.serving.v1.Service;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Secret;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

@DisplayName(
    "Each gateway function runs as its own Knative Service, within the Knative runtime contract")
class FunctionServiceContractTest {

  /** Knative's queue-proxy drains for 30 s before the app's 25 s graceful shutdown starts. */
  private static final long QUEUE_PROXY_DRAIN_SECONDS = 30;

  private static final long GRACEFUL_SHUTDOWN_SECONDS = 25;

  static Stream<Arguments> services() {
    return Manifests.RENDERINGS.stream()
        .map(Rendered::of)
        .flatMap(
            rendered ->
                rendered.all(Service.class).stream()
                    .map(
                        service ->
                            Arguments.argumentSet(
                                rendered + " " + service.getMetadata().getName(),
                                rendered,
                                service)));
  }

  static Stream<Rendered> renderings() {
    return Manifests.RENDERINGS.stream().map(Rendered::of);
  }

  @ParameterizedTest
  @MethodSource("renderings")
  @DisplayName("one Knative Service per catalog function, named after it, all from one image")
  void oneServicePerFunction(Rendered rendered) {
    List<Service> services = rendered.all(Service.class);

    assertThat(services)
        .extracting(service -> functionOf(container(service)))
        .containsExactlyInAnyOrderElementsOf(SpecEndpoints.FUNCTIONS);
    assertThat(services)
        .allSatisfy(
            service ->
                assertThat(service.getMetadata().getName())
                    .isEqualTo(SpecEndpoints.serviceOf(functionOf(container(service)))));
    assertThat(services)
        .extracting(service -> container(service).getImage())
        .containsOnly(container(services.get(0)).getImage());
  }

  @ParameterizedTest
  @MethodSource("services")
  @DisplayName(
      "autoscaling on the revision template: scale to zero, a target below the hard concurrency, a ceiling")
  void autoscaling(Rendered rendered, Service service) {
    Map<String, String> annotations =
        service.getSpec().getTemplate().getMetadata().getAnnotations();
    RevisionSpec revision = service.getSpec().getTemplate().getSpec();

    assertThat(annotations).containsEntry("autoscaling.knative.dev/min-scale", "0");
    int target = Integer.parseInt(annotations.get("autoscaling.knative.dev/target"));
    int maxScale = Integer.parseInt(annotations.get("autoscaling.knative.dev/max-scale"));
    assertThat(target)
        .isPositive()
        .isLessThanOrEqualTo(revision.getContainerConcurrency().intValue());
    assertThat(maxScale).isPositive();
    assertThat(service.getMetadata().getAnnotations())
        .as("autoscaling annotations belong on the revision template, not the Service")
        .satisfiesAnyOf(
            map -> assertThat(map).isNull(),
            map ->
                assertThat(map.keySet())
                    .noneMatch(key -> key.startsWith("autoscaling.knative.dev/")));
    assertThat(revision.getTimeoutSeconds())
        .as(
            "the pod's grace period is timeoutSeconds: queue-proxy drain and graceful shutdown must fit")
        .isGreaterThan(QUEUE_PROXY_DRAIN_SECONDS + GRACEFUL_SHUTDOWN_SECONDS);
  }

  @ParameterizedTest
  @MethodSource("services")
  @DisplayName(
      "one http1 port, PORT left to Knative, requests and limits, probes on the health paths, no preStop")
  void container(Rendered rendered, Service service) {
    assertThat(service.getSpec().getTemplate().getSpec().getContainers()).hasSize(1);
    Container container = container(service);

    assertThat(container.getPorts())
        .singleElement()
        .satisfies(
            port -> {
              assertThat(port.getName()).isEqualTo("http1");
              assertThat(port.getContainerPort()).isEqualTo(8080);
            });
    assertThat(container.getEnv())
        .extracting(EnvVar::getName)
        .doesNotContain("PORT", "K_SERVICE", "K_REVISION");
    for (String resource : List.of("cpu", "memory")) {
      Quantity request = container.getResources().getRequests().get(resource);
      Quantity limit = container.getResources().getLimits().get(resource);
      assertThat(request).as("%s request", resource).isNotNull();
      assertThat(limit).as("%s limit", resource).isNotNull();
      assertThat(Quantity.getAmountInBytes(request))
          .isLessThanOrEqualTo(Quantity.getAmountInBytes(limit));
    }
    assertThat(container.getReadinessProbe().getHttpGet().getPath()).isEqualTo("/health/readiness");
    assertThat(container.getLivenessProbe().getHttpGet().getPath()).isEqualTo("/health/liveness");
    Stream.of(container.getReadinessProbe(), container.getLivenessProbe())
        .map(probe -> probe.getHttpGet().getPort())
        .forEach(
            port ->
                assertThat(port == null || Integer.valueOf(8080).equals(port.getIntVal()))
                    .as("probe port")
                    .isTrue());
    assertThat(container.getReadinessProbe().getInitialDelaySeconds())
        .as("a delay only slows cold starts")
        .isNull();
    assertThat(container.getLifecycle())
        .as("the queue-proxy drains; no preStop of our own")
        .isNull();
  }

  @ParameterizedTest
  @MethodSource("services")
  @DisplayName("secrets only by reference, config from the ConfigMaps that exist")
  void secretsByReference(Rendered rendered, Service service) {
    Container container = container(service);

    assertThat(container.getEnv()).noneMatch(Rendered::literalSecret);
    assertThat(container.getEnv())
        .filteredOn(env -> Rendered.SECRET_NAME.matcher(env.getName()).matches())
        .isNotEmpty()
        .allSatisfy(
            env ->
                assertThat(env.getValueFrom().getSecretKeyRef().getName())
                    .isEqualTo("hub-secrets"));
    assertThat(container.getEnvFrom())
        .allSatisfy(
            source ->
                assertThat(rendered.one(ConfigMap.class, source.getConfigMapRef().getName()))
                    .isNotNull());
    assertThat(rendered.all(Secret.class)).as("no Secret with values is committed").isEmpty();
    assertThat(rendered.all(ConfigMap.class))
        .flatExtracting(map -> List.copyOf(map.getData().keySet()))
        .noneMatch(key -> Rendered.SECRET_NAME.matcher(key).matches());
  }

  @ParameterizedTest
  @MethodSource("services")
  @DisplayName(
      "non-root, no capabilities, RuntimeDefault seccomp, read-only root with an emptyDir at /tmp")
  void hardened(Rendered rendered, Service service) {
    Container container = container(service);
    var security = container.getSecurityContext();

    assertThat(security.getRunAsNonRoot()).isTrue();
    assertThat(security.getSeccompProfile().getType()).isEqualTo("RuntimeDefault");
    Hardening.assertHardened(container, service.getSpec().getTemplate().getSpec().getVolumes());
  }

  static Container container(Service service) {
    return service.getSpec().getTemplate().getSpec().getContainers().get(0);
  }

  static String functionOf(Container container) {
    return container.getEnv().stream()
        .filter(env -> env.getName().equals("SPRING_CLOUD_FUNCTION_DEFINITION"))
        .map(EnvVar::getValue)
        .reduce(
            (a, b) -> {
              throw new AssertionError("SPRING_CLOUD_FUNCTION_DEFINITION set twice");
            })
        .orElseThrow(() -> new AssertionError("no SPRING_CLOUD_FUNCTION_DEFINITION"));
  }
}
