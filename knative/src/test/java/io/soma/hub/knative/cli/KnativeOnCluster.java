package io.soma.hub.knative.cli;

import io.fabric8.knative.client.KnativeClient;
import io.fabric8.knative.serving.v1.Revision;
import io.fabric8.knative.serving.v1.Service;
import io.soma.hub.knative.cluster.KnativeCluster;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
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

  static String templateAnnotation(Service service, String key) {
    return service.getSpec().getTemplate().getMetadata().getAnnotations().get(key);
  }
}
