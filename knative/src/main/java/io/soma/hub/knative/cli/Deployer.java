package io.soma.hub.knative.cli;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.PrintStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Applies what a deploy names (a whole overlay, or one function's Service) with server-side apply
 * under our field manager, the functions' Services with the new image. Every object is checked with
 * a server dry run first; one refused object means none is applied. Namespaces are created first (a
 * dry run cannot see a namespace that does not exist yet), and deleted again when nothing could be
 * applied. What other managers set stays (see {@link ServerSideApply}); so does spec.traffic, owned
 * by the traffic command.
 */
final class Deployer {

  /** The image as the user named it, as {@code kn} writes and reads it. */
  static final String USER_IMAGE = "client.knative.dev/user-image";

  /**
   * Changed by every deploy, as by {@code kn service update}, so that the same tag deployed again
   * makes a Revision.
   */
  static final String UPDATE_TIMESTAMP = "client.knative.dev/updateTimestamp";

  /**
   * The fields of a Service a deploy sets whoever owned them before (normalized as {@link
   * FieldPath} does).
   */
  private static final List<String> COMMAND_FIELDS =
      List.of(
          "spec/template/spec/containers/0/image",
          "spec/template/metadata/name",
          "spec/template/metadata/annotations/" + USER_IMAGE,
          "spec/template/metadata/annotations/" + UPDATE_TIMESTAMP);

  private final ServingApi api;
  private final KubernetesClient client;
  private final KubernetesSerialization serialization;
  private final PrintStream out;

  Deployer(ServingApi api, PrintStream out) {
    this.api = api;
    this.client = api.kubernetes();
    this.serialization = client.getKubernetesSerialization();
    this.out = out;
  }

  /**
   * @param revisionName the name of the new Revision of each Service ({@code kn --revision-name}),
   *     prefixed with the Service's name unless it already is; null lets Knative name it
   * @return the names of the Services deployed
   */
  List<String> deploy(
      List<GenericKubernetesResource> objects,
      String fromNamespace,
      String image,
      String revisionName,
      Instant now,
      JobWait jobs) {
    api.requireServingApi();
    checkImageOnNodes(image);
    List<GenericKubernetesResource> desired = new ArrayList<>();
    for (GenericKubernetesResource object : objects) {
      GenericKubernetesResource copy = retarget(object, fromNamespace, api.namespace());
      if (ManifestTemplates.isService(copy)) {
        copy = withImage(copy, image, now, revisionName);
      } else if (isMigrationJob(copy)) {
        copy = migrationFor(copy, image);
      }
      desired.add(copy);
    }
    List<String> createdNamespaces = createNamespaces(desired);
    boolean applied = false;
    try {
      List<ServerSideApply.Prepared> prepared = validate(desired);
      ServerSideApply apply = new ServerSideApply(client, ServerSideApply.DEPLOY_MANAGER);
      List<String> services = new ArrayList<>();
      // What the functions and the worker need (config, the schema's migration) goes first; they
      // follow once the
      // migration Job is complete, so no function starts on a schema behind it.
      List<ServerSideApply.Prepared> runners =
          prepared.stream().filter(p -> runsTheHub(p.object())).toList();
      List<ServerSideApply.Prepared> supporting =
          prepared.stream().filter(p -> !runsTheHub(p.object())).toList();
      for (ServerSideApply.Prepared object : supporting) {
        applied |= applyOne(apply, object, image, services);
      }
      List<String> migrations =
          supporting.stream()
              .map(ServerSideApply.Prepared::object)
              .filter(Deployer::isMigrationJob)
              .map(o -> o.getMetadata().getName())
              .toList();
      if (!migrations.isEmpty()) {
        jobs.untilComplete(migrations);
      }
      for (ServerSideApply.Prepared object : runners) {
        applied |= applyOne(apply, object, image, services);
      }
      return services;
    } finally {
      if (!applied) {
        createdNamespaces.forEach(name -> client.namespaces().withName(name).delete());
      }
    }
  }

  /** Waits for the migration Jobs a deploy applied, or says why it does not. */
  @FunctionalInterface
  interface JobWait {
    void untilComplete(List<String> jobs);
  }

  private boolean applyOne(
      ServerSideApply apply, ServerSideApply.Prepared object, String image, List<String> services) {
    boolean existed = exists(object.object());
    call("apply", object.object(), () -> apply.apply(object));
    String name = object.object().getMetadata().getName();
    if (ManifestTemplates.isService(object.object())) {
      services.add(name);
      out.println(
          (existed ? "updated " : "created ") + name + " in " + api.namespace() + " with " + image);
    } else {
      out.println((existed ? "applied " : "created ") + ServerSideApply.name(object.object()));
    }
    object.kept().forEach(field -> out.println("  kept " + field));
    return true;
  }

  /**
   * The function Services and the worker's Deployment: they run the hub's code against its schema.
   */
  private static boolean runsTheHub(GenericKubernetesResource object) {
    return ManifestTemplates.isService(object)
        || ("apps/v1".equals(object.getApiVersion()) && "Deployment".equals(object.getKind()));
  }

  static boolean isMigrationJob(GenericKubernetesResource object) {
    return "batch/v1".equals(object.getApiVersion())
        && "Job".equals(object.getKind())
        && object.getMetadata().getLabels() != null
        && "migrations".equals(object.getMetadata().getLabels().get("app.kubernetes.io/component"));
  }

  /**
   * The migration Job of the image deployed: that image, and a name that carries its tag (a Job's
   * pod template cannot change, so each release runs a Job of its own, and deploying the same image
   * again changes nothing).
   */
  static GenericKubernetesResource migrationFor(GenericKubernetesResource job, String image) {
    Object containers =
        Generic.at(job.getAdditionalProperties(), "spec", "template", "spec", "containers");
    if (containers instanceof List<?> list) {
      for (Object container : list) {
        if (container instanceof Map<?, ?> map) {
          @SuppressWarnings("unchecked")
          Map<String, Object> c = (Map<String, Object>) map;
          c.put("image", image);
        }
      }
    }
    String base =
        job.getMetadata().getLabels().getOrDefault("app.kubernetes.io/name", "hub-migrate");
    job.getMetadata().setName(base + "-" + release(image));
    return job;
  }

  /** "0-2-0" of ghcr.io/x/functions:0.2.0; the first 12 hex digits of a digest. */
  static String release(String image) {
    int at = image.indexOf("@sha256:");
    String release =
        at >= 0
            ? image.substring(at + 8, Math.min(image.length(), at + 20))
            : image.substring(image.lastIndexOf(':') + 1);
    release =
        release
            .toLowerCase(java.util.Locale.ROOT)
            .replaceAll("[^a-z0-9]+", "-")
            .replaceAll("^-+|-+$", "");
    return release.length() > 40 ? release.substring(0, 40).replaceAll("-+$", "") : release;
  }

  private List<String> createNamespaces(List<GenericKubernetesResource> desired) {
    List<String> created = new ArrayList<>();
    ServerSideApply apply = new ServerSideApply(client, ServerSideApply.DEPLOY_MANAGER);
    for (GenericKubernetesResource object : desired) {
      if ("v1".equals(object.getApiVersion())
          && "Namespace".equals(object.getKind())
          && !exists(object)) {
        call("create", object, () -> apply.apply(new ServerSideApply.Prepared(object, List.of())));
        created.add(object.getMetadata().getName());
        out.println("created Namespace " + object.getMetadata().getName());
      }
    }
    return created;
  }

  /**
   * Every object through a server dry run; all refusals are reported, and then nothing is applied.
   */
  private List<ServerSideApply.Prepared> validate(List<GenericKubernetesResource> desired) {
    ServerSideApply apply = new ServerSideApply(client, ServerSideApply.DEPLOY_MANAGER);
    List<ServerSideApply.Prepared> prepared = new ArrayList<>();
    List<String> refused = new ArrayList<>();
    for (GenericKubernetesResource object : desired) {
      if ("Namespace".equals(object.getKind()) && "v1".equals(object.getApiVersion())) {
        continue;
      }
      checkRevisionName(object);
      // A field the command sets, or one holding it: Knative's containers list is atomic, so owning
      // the image
      // means owning the whole list.
      Predicate<String> commandSets =
          ManifestTemplates.isService(object)
              ? field ->
                  COMMAND_FIELDS.stream()
                      .anyMatch(set -> set.equals(field) || set.startsWith(field + "/"))
              : field -> false;
      try {
        prepared.add(call("check", object, () -> apply.prepare(object, commandSets)));
      } catch (CliFailure failure) {
        if (failure.exitCode() == CliFailure.CLUSTER) {
          throw failure;
        }
        refused.add(failure.getMessage());
        out.println("refused " + failure.getMessage());
      }
    }
    if (!refused.isEmpty()) {
      throw CliFailure.failed(
          refused.size()
              + " of "
              + (desired.size())
              + " objects refused, nothing applied: "
              + String.join("; ", refused));
    }
    return prepared;
  }

  /** Registries no node can pull from: their images must have been loaded into the nodes. */
  private static final java.util.Set<String> LOCAL_REGISTRIES =
      java.util.Set.of("dev.local", "kind.local", "ko.local");

  /**
   * An image of a registry no node can pull from (dev.local: loaded by hand) that no node has would
   * leave every Revision waiting for minutes on an image pull that cannot succeed: refused before
   * anything is applied.
   */
  private void checkImageOnNodes(String image) {
    String registry = image.contains("/") ? image.substring(0, image.indexOf('/')) : "";
    if (!LOCAL_REGISTRIES.contains(registry)) {
      return;
    }
    java.util.Optional<java.util.Set<String>> images = api.nodeImages();
    if (images.isPresent() && !images.get().isEmpty() && !images.get().contains(image)) {
      throw CliFailure.failed(
          "no node has the image "
              + image
              + " ("
              + registry
              + " images are never pulled: they"
              + " are loaded into the nodes); load it first, e.g. ./hub images && ./hub cluster load");
    }
  }

  private void checkRevisionName(GenericKubernetesResource object) {
    Object name =
        Generic.at(object.getAdditionalProperties(), "spec", "template", "metadata", "name");
    if (name != null && api.revision(String.valueOf(name)) != null) {
      throw CliFailure.usage(
          "revision " + name + " exists already; --revision-name must name a new one");
    }
  }

  private boolean exists(GenericKubernetesResource object) {
    return call("get", object, () -> client.resource(object).get()) != null;
  }

  private <T> T call(
      String verb, GenericKubernetesResource object, java.util.function.Supplier<T> operation) {
    try {
      return operation.get();
    } catch (KubernetesClientException e) {
      CliFailure failure =
          CliErrors.map(e, verb, resource(object), namespaceOf(object), api.apiUrl());
      throw failure.exitCode() == CliFailure.CLUSTER
          ? failure
          : CliFailure.failed(ServerSideApply.name(object) + ": " + CliErrors.serverMessage(e), e);
    }
  }

  private static String resource(GenericKubernetesResource object) {
    String apiVersion = object.getApiVersion();
    String group = apiVersion.contains("/") ? apiVersion.substring(0, apiVersion.indexOf('/')) : "";
    String kind = object.getKind().toLowerCase(java.util.Locale.ROOT) + "s";
    return group.isEmpty() ? kind : kind + "." + group;
  }

  private String namespaceOf(GenericKubernetesResource object) {
    return object.getMetadata().getNamespace() == null
        ? "the cluster"
        : object.getMetadata().getNamespace();
  }

  /**
   * The object in {@code to} where the manifests put it in {@code from}; its Namespace renamed
   * likewise.
   */
  GenericKubernetesResource retarget(GenericKubernetesResource object, String from, String to) {
    GenericKubernetesResource copy = serialization.clone(object);
    boolean namespace = "Namespace".equals(copy.getKind());
    if (namespace && from != null && from.equals(copy.getMetadata().getName())) {
      copy.getMetadata().setName(to);
    } else if (!namespace
        && (copy.getMetadata().getNamespace() == null
            || copy.getMetadata().getNamespace().equals(from))) {
      // Plain manifests may leave the namespace out; the client would otherwise put them in the
      // kubeconfig's.
      copy.getMetadata().setNamespace(to);
    }
    return copy;
  }

  /** The Service with the image in its first container, and kn's annotations for it. */
  /** The image a Service's manifest names for its container. */
  static String image(GenericKubernetesResource service) {
    Object image = container(service).get("image");
    if (!(image instanceof String named) || named.isBlank()) {
      throw CliFailure.failed(
          service.getMetadata().getName() + " names no image; deploy it with --image IMAGE:TAG");
    }
    KnativeCli.checkImage(named);
    return named;
  }

  private static Map<String, Object> container(GenericKubernetesResource service) {
    Object containers =
        Generic.at(service.getAdditionalProperties(), "spec", "template", "spec", "containers");
    if (!(containers instanceof List<?> list)
        || list.isEmpty()
        || !(list.get(0) instanceof Map<?, ?>)) {
      throw CliFailure.failed(
          service.getMetadata().getName() + " has no container in spec.template.spec");
    }
    @SuppressWarnings("unchecked")
    Map<String, Object> first = (Map<String, Object>) list.get(0);
    return first;
  }

  static GenericKubernetesResource withImage(
      GenericKubernetesResource service, String image, Instant now, String revisionName) {
    Map<String, Object> body = service.getAdditionalProperties();
    Map<String, Object> first = container(service);
    first.put("image", image);
    Map<String, Object> metadata = Generic.map(body, "spec", "template", "metadata");
    Map<String, Object> annotations = Generic.map(metadata, "annotations");
    annotations.put(USER_IMAGE, image);
    annotations.put(UPDATE_TIMESTAMP, now.toString());
    String name = service.getMetadata().getName();
    if (revisionName == null) {
      // A manifest may name its revision; the same name twice fails, so Knative names it unless
      // asked.
      metadata.remove("name");
    } else {
      metadata.put(
          "name", revisionName.startsWith(name + "-") ? revisionName : name + "-" + revisionName);
    }
    return service;
  }
}
