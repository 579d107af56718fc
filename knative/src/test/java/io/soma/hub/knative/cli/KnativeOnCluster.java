package io.soma.hub.knative.cli;

import static org.awaitility.Awaitility.await;

import io.fabric8.knative.client.KnativeClient;
import io.fabric8.knative.serving.v1.Revision;
import io.fabric8.knative.serving.v1.Service;
import io.soma.hub.knative.cluster.KnativeCluster;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the tests on the local cluster share: the CLI run against it, and reads of what Knative
 * made.
 */
final class KnativeOnCluster {

  /**
   * How long the Knative controller may take to reconcile a change into a Revision: seconds on an
   * idle machine, far more on two cores while ./hub test's first run builds the cluster's programs
   * beside it.
   */
  static final java.time.Duration RECONCILED = java.time.Duration.ofMinutes(6);

  private static final Pattern NAMESPACE_LINE =
      Pattern.compile("(?m)^(\\s*(?:namespace|name): )soma-hub$");

  private KnativeOnCluster() {}

  static CliRun cli(KnativeCluster cluster, String namespace, String... args) {
    return CliRun.run(namespace, cluster::knative, args);
  }

  /** An overlay rendered by the real kustomize, moved from soma-hub into {@code namespace}. */
  static Path rendered(KnativeCluster cluster, String overlay, String namespace) throws Exception {
    String yaml =
        cluster.kubectl(
            "kustomize", CliRun.MANIFESTS.resolve("overlays").resolve(overlay).toString());
    Matcher matcher = NAMESPACE_LINE.matcher(yaml);
    Path file = Files.createTempFile("overlay-" + overlay, ".yaml");
    Files.writeString(file, matcher.replaceAll("$1" + namespace));
    return file;
  }

  static Service service(KnativeCluster cluster, String namespace, String name) {
    try (KnativeClient client = cluster.knative()) {
      return client.services().inNamespace(namespace).withName(name).get();
    }
  }

  static List<Revision> revisions(KnativeCluster cluster, String namespace, String service) {
    try (KnativeClient client = cluster.knative()) {
      return client
          .revisions()
          .inNamespace(namespace)
          .withLabel(ServingApi.SERVICE_LABEL, service)
          .list()
          .getItems();
    }
  }

  /** Waits until the Knative controller has made {@code count} Revisions of the Service. */
  static void awaitRevisions(KnativeCluster cluster, String namespace, String service, int count) {
    await(service + " has " + count + " revision(s)")
        .atMost(RECONCILED)
        .until(() -> revisions(cluster, namespace, service).size() == count);
  }

  /** Waits until the Service has a Revision that matches. */
  static void awaitRevision(
      KnativeCluster cluster, String namespace, String service, Predicate<Revision> which) {
    await(service + " has the revision waited for")
        .atMost(RECONCILED)
        .until(() -> revisions(cluster, namespace, service).stream().anyMatch(which));
  }

  /**
   * The arguments of {@code hub knative deploy} of the production overlay's status function with an
   * image, then {@code options}.
   */
  static String[] deployStatus(String image, String... options) {
    List<String> args =
        new ArrayList<>(
            List.of("deploy", "--overlay", "production", "--function", "status", "--image", image));
    args.addAll(List.of(options));
    return args.toArray(String[]::new);
  }

  /** An operator's {@code kubectl patch} of one annotation of the Service's template. */
  static void patchTemplateAnnotation(
      KnativeCluster cluster, String namespace, String service, String key, String value) {
    cluster.kubectl(
        "-n",
        namespace,
        "patch",
        "ksvc",
        service,
        "--type",
        "merge",
        "-p",
        "{\"spec\":{\"template\":{\"metadata\":{\"annotations\":{\"%s\":\"%s\"}}}}}"
            .formatted(key, value));
  }

  static String templateAnnotation(Service service, String key) {
    return service.getSpec().getTemplate().getMetadata().getAnnotations().get(key);
  }
}
