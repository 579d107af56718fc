package io.soma.hub.knative.cli;

import io.fabric8.knative.client.KnativeClient;
import io.fabric8.knative.serving.v1.Revision;
import io.fabric8.knative.serving.v1.Service;
import io.fabric8.kubernetes.api.model.ListOptionsBuilder;
import java.util.List;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/**
 * The Knative Serving calls of the CLI in one namespace, each mapping client errors to a {@link CliFailure} that
 * names the verb, so that every command reports "no permission to update ..." the same way.
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
    return call("get", CliErrors.SERVICES, () -> client.services().inNamespace(namespace).withName(name).get());
  }

  /** The Service, or a failure that tells a missing Service from a missing Knative installation. */
  Service require(String name) {
    Service service = find(name);
    if (service == null) {
      // A get of a missing name answers null even without the CRD; a list tells the two apart (404 = no API).
      call("list", CliErrors.SERVICES,
          () -> client.services().inNamespace(namespace).list(new ListOptionsBuilder().withLimit(1L).build()));
      throw CliFailure.failed("no Knative service " + name + " in namespace " + namespace);
    }
    return service;
  }

  List<Service> list() {
    return call("list", CliErrors.SERVICES, () -> client.services().inNamespace(namespace).list().getItems());
  }

  Service create(Service service) {
    return call("create", CliErrors.SERVICES,
        () -> client.services().inNamespace(namespace).resource(service).create());
  }

  Service edit(String name, UnaryOperator<Service> change) {
    return call("update", CliErrors.SERVICES,
        () -> client.services().inNamespace(namespace).withName(name).edit(change));
  }

  boolean delete(String name) {
    return call("delete", CliErrors.SERVICES,
        () -> !client.services().inNamespace(namespace).withName(name).delete().isEmpty());
  }

  List<Revision> revisions(String service) {
    return call("list", CliErrors.REVISIONS,
        () -> client.revisions().inNamespace(namespace).withLabel(SERVICE_LABEL, service).list().getItems());
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
