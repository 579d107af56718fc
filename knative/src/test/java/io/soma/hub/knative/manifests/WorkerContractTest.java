package io.soma.hub.knative.manifests;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

@DisplayName("The worker: metrics Service, disruption budget, and a grace period above its drain")
class WorkerContractTest {

  /**
   * The completion activity's start-to-close is the provider's connect and request timeouts plus
   * this margin.
   */
  private static final Duration COMPLETION_MARGIN = Duration.ofSeconds(15);

  static Stream<Rendered> renderings() {
    return Manifests.RENDERINGS.stream().map(Rendered::of);
  }

  @ParameterizedTest
  @MethodSource("renderings")
  @DisplayName(
      "a Service port named metrics reaches the worker's metrics port, on the port the worker listens on")
  void metricsService(Rendered rendered) {
    Deployment deployment = rendered.one(Deployment.class, "hub-worker");
    Service service = rendered.one(Service.class, "hub-worker");
    Container worker = worker(deployment);

    assertThat(deployment.getSpec().getTemplate().getMetadata().getLabels())
        .containsAllEntriesOf(service.getSpec().getSelector());
    assertThat(service.getSpec().getPorts())
        .anySatisfy(
            port -> {
              assertThat(port.getName()).isEqualTo("metrics");
              assertThat(port.getTargetPort().getStrVal()).isEqualTo("metrics");
            });
    assertThat(worker.getPorts())
        .singleElement()
        .satisfies(
            port -> {
              assertThat(port.getName()).isEqualTo("metrics");
              assertThat(String.valueOf(port.getContainerPort()))
                  .isEqualTo(env(worker, "HUB_WORKER_PORT"));
            });
    assertThat(worker.getReadinessProbe().getHttpGet().getPath()).isEqualTo("/health/readiness");
    assertThat(worker.getLivenessProbe().getHttpGet().getPath()).isEqualTo("/health/liveness");
  }

  @ParameterizedTest
  @MethodSource("renderings")
  @DisplayName("a PodDisruptionBudget selects the worker's pods")
  void disruptionBudget(Rendered rendered) {
    Deployment deployment = rendered.one(Deployment.class, "hub-worker");
    PodDisruptionBudget budget = rendered.one(PodDisruptionBudget.class, "hub-worker");
    Map<String, String> podLabels = deployment.getSpec().getTemplate().getMetadata().getLabels();

    assertThat(budget.getSpec().getSelector().getMatchExpressions()).isNullOrEmpty();
    assertThat(podLabels).containsAllEntriesOf(budget.getSpec().getSelector().getMatchLabels());
    assertThat(budget.getSpec().getMaxUnavailable().getIntVal())
        .as("evictions one at a time")
        .isEqualTo(1);
  }

  @ParameterizedTest
  @MethodSource("renderings")
  @DisplayName(
      "grace period > Spring's shutdown phase > drain timeout > longest activity (model completion)")
  void gracePeriodCoversTheDrain(Rendered rendered) {
    Deployment deployment = rendered.one(Deployment.class, "hub-worker");
    Container worker = worker(deployment);
    Duration longestActivity =
        duration(env(worker, "HUB_MODEL_CONNECT_TIMEOUT"))
            .plus(duration(env(worker, "HUB_MODEL_TIMEOUT")))
            .plus(COMPLETION_MARGIN);
    Duration drain = duration(env(worker, "HUB_WORKER_DRAIN_TIMEOUT"));
    Duration shutdownPhase = duration(env(worker, "SPRING_LIFECYCLE_TIMEOUTPERSHUTDOWNPHASE"));
    Duration grace =
        Duration.ofSeconds(
            deployment.getSpec().getTemplate().getSpec().getTerminationGracePeriodSeconds());

    assertThat(longestActivity).isEqualTo(Duration.ofSeconds(140));
    assertThat(drain).isGreaterThan(longestActivity);
    assertThat(shutdownPhase).isGreaterThan(drain);
    assertThat(grace).isGreaterThan(shutdownPhase);
    assertThat(worker.getLifecycle()).as("no preStop sleep: the drain is the app's").isNull();
  }

  @ParameterizedTest
  @MethodSource("renderings")
  @DisplayName("hardened like the functions, with secrets only by reference")
  void hardened(Rendered rendered) {
    Deployment deployment = rendered.one(Deployment.class, "hub-worker");
    PodSpec pod = deployment.getSpec().getTemplate().getSpec();
    Container worker = worker(deployment);

    assertThat(pod.getSecurityContext().getRunAsNonRoot()).isTrue();
    assertThat(pod.getSecurityContext().getSeccompProfile().getType()).isEqualTo("RuntimeDefault");
    Hardening.assertHardened(worker, pod.getVolumes());
    assertThat(worker.getEnv()).noneMatch(Rendered::literalSecret);
    assertThat(worker.getEnv())
        .filteredOn(env -> env.getName().equals("HUB_JWT_SECRET"))
        .singleElement()
        .satisfies(
            env ->
                assertThat(env.getValueFrom().getSecretKeyRef().getOptional())
                    .as("the worker needs it")
                    .isNotEqualTo(true));
    assertThat(worker.getResources().getRequests()).containsKeys("cpu", "memory");
    assertThat(worker.getResources().getLimits()).containsKeys("cpu", "memory");
  }

  @Test
  @DisplayName("durations read as Spring Boot reads them")
  void durations() {
    assertThat(duration("150s")).isEqualTo(Duration.ofSeconds(150));
    assertThat(duration("2m")).isEqualTo(Duration.ofMinutes(2));
    assertThat(duration("500ms")).isEqualTo(Duration.ofMillis(500));
    assertThat(duration("30")).isEqualTo(Duration.ofSeconds(30));
  }

  private static Container worker(Deployment deployment) {
    return deployment.getSpec().getTemplate().getSpec().getContainers().stream()
        .filter(container -> container.getName().equals("worker"))
        .findFirst()
        .orElseThrow();
  }

  private static String env(Container container, String name) {
    return container.getEnv().stream()
        .filter(env -> env.getName().equals(name))
        .map(EnvVar::getValue)
        .findFirst()
        .orElseThrow(() -> new AssertionError("the worker does not set " + name));
  }

  /**
   * A Spring Boot duration in the simple form ("150s", "2m", "500ms"); bare numbers are seconds, as
   * bound here.
   */
  static Duration duration(String text) {
    Matcher matcher = Pattern.compile("(\\d+)(ms|s|m|h)?").matcher(text.strip());
    assertThat(matcher.matches()).as("a simple duration: %s", text).isTrue();
    long amount = Long.parseLong(matcher.group(1));
    String unit = matcher.group(2) == null ? "s" : matcher.group(2);
    return switch (unit) {
      case "ms" -> Duration.ofMillis(amount);
      case "m" -> Duration.ofMinutes(amount);
      case "h" -> Duration.ofHours(amount);
      default -> Duration.ofSeconds(amount);
    };
  }
}
