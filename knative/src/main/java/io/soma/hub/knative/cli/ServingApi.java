package io.soma.hub.knative.cli;

import io.fabric8.knative.client.KnativeClient;
import io.fabric8.knative.serving.v1.Revision;
import io.fabric8.knative.serving.v1.Service;
import io.fabric8.knative.serving.v1.ServiceBuilder;
import io.fabric8.knative.serving.v1.TrafficTarget;
import io.fabric8.kubernetes.api.model.ListOptionsBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.List;
import java.util.function.Supplier;

/**
 * The Knative Serving calls of the CLI in one namespace, each mapping client errors to a {@link
 * CliFailure} that names the verb, so that every command reports "no permission to update ..." the
 * same way.
 */
final class ServingApi {

  static final String SERVICE_LABEL = "serving.knative.dev/service";

  private final KnativeClient client;
  private final String namespace;

  ServingApi(KnativeClient client, String namespace) {
    this.client = client;
    this.namespace = namespace;
  }

  String namespace() {
    return namespace;
  }

  Service find(String name) {
    return call(
        "get",
        CliErrors.SERVICES,
        () -> client.services().inNamespace(namespace).withName(name).get());
  }

  /** The Service, or a failure that tells a missing Service from a missing Knative installation. */
  Service require(String name) {
    Service service = find(name);
    if (service == null) {
      // A get of a missing name answers null even without the CRD; a list tells the two apart (404
      // = no API).
      requireServingApi();
      requireNamespace();
      throw CliFailure.failed("no Knative service " + name + " in namespace " + namespace);
    }
    return service;
  }

  /**
   * Fails as the CLI does for any call when the cluster has no Knative Serving, cannot be reached
   * or refuses us.
   */
  void requireServingApi() {
    call(
        "list",
        CliErrors.SERVICES,
        () ->
            client
                .services()
                .inNamespace(namespace)
                .list(new ListOptionsBuilder().withLimit(1L).build()));
  }

  List<Service> list() {
    return call(
        "list",
        CliErrors.SERVICES,
        () -> client.services().inNamespace(namespace).list().getItems());
  }

  /**
   * Sets a Service's spec.traffic with server-side apply under the traffic command's own field
   * manager, so that a later deploy (another manager, which never sets traffic) leaves it as it is.
   */
  Service applyTraffic(String name, List<TrafficTarget> traffic) {
    Service patch =
        new ServiceBuilder()
            .withNewMetadata()
            .withName(name)
            .withNamespace(namespace)
            .endMetadata()
            .withNewSpec()
            .withTraffic(traffic)
            .endSpec()
            .build();
    return call(
        "update",
        CliErrors.SERVICES,
        () ->
            client
                .services()
                .inNamespace(namespace)
                .resource(patch)
                .fieldManager(ServerSideApply.TRAFFIC_MANAGER)
                .forceConflicts()
                .serverSideApply());
  }

  /** A missing namespace is exit 3 for every verb, as for a deploy into it. */
  void requireNamespace() {
    if (!namespaceExists()) {
      throw CliFailure.cluster("namespace " + namespace + " does not exist", null);
    }
  }

  /**
   * Whether the namespace exists; true where this user may not read namespaces (then nothing
   * tells).
   */
  boolean namespaceExists() {
    try {
      return kubernetes().namespaces().withName(namespace).get() != null;
    } catch (RuntimeException e) {
      CliFailure failure = CliErrors.map(e, "get", "namespaces", namespace, apiUrl());
      if (failure.getCause() instanceof io.fabric8.kubernetes.client.KubernetesClientException k
          && (k.getCode() == 403 || k.getCode() == 401)) {
        return true;
      }
      throw failure;
    }
  }

  /**
   * True only when the cluster says it has no node at all (then no pod runs and nothing becomes
   * Ready).
   */
  boolean clusterHasNoNodes() {
    try {
      return kubernetes()
          .nodes()
          .list(new ListOptionsBuilder().withLimit(1L).build())
          .getItems()
          .isEmpty();
    } catch (RuntimeException notAllowedOrUnknown) {
      return false;
    }
  }

  /**
   * The image names every node reports having (status.images); empty where nodes cannot be read
   * here.
   */
  java.util.Optional<java.util.Set<String>> nodeImages() {
    try {
      java.util.Set<String> names = new java.util.HashSet<>();
      kubernetes()
          .nodes()
          .list()
          .getItems()
          .forEach(
              node -> {
                if (node.getStatus() != null && node.getStatus().getImages() != null) {
                  node.getStatus()
                      .getImages()
                      .forEach(i -> names.addAll(i.getNames() == null ? List.of() : i.getNames()));
                }
              });
      return java.util.Optional.of(names);
    } catch (RuntimeException notAllowed) {
      return java.util.Optional.empty();
    }
  }

  Revision revision(String name) {
    return call(
        "get",
        CliErrors.REVISIONS,
        () -> client.revisions().inNamespace(namespace).withName(name).get());
  }

  KubernetesClient kubernetes() {
    return client.adapt(KubernetesClient.class);
  }

  boolean delete(String name) {
    return call(
        "delete",
        CliErrors.SERVICES,
        () -> !client.services().inNamespace(namespace).withName(name).delete().isEmpty());
  }

  List<Revision> revisions(String service) {
    return call(
        "list",
        CliErrors.REVISIONS,
        () ->
            client
                .revisions()
                .inNamespace(namespace)
                .withLabel(SERVICE_LABEL, service)
                .list()
                .getItems());
  }

  String apiUrl() {
    return String.valueOf(client.getMasterUrl());
  }

  private <T> T call(String verb, String resource, Supplier<T> operation) {
    try {
      return operation.get();
    } catch (RuntimeException e) {
      throw CliErrors.map(e, verb, resource, namespace, apiUrl());
    }
  }
}
