package io.soma.hub.knative.cli;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.fabric8.knative.serving.v1.Service;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * What a deploy applies: every object of a rendered kustomization (an overlay) or of a directory of
 * plain YAML files, and among them the gateway functions' Knative Services.
 */
final class ManifestTemplates {

  static final String FUNCTION_ENV = "SPRING_CLOUD_FUNCTION_DEFINITION";
  static final String SERVING_V1 = "serving.knative.dev/v1";

  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  private final String origin;
  private final List<GenericKubernetesResource> objects;

  private ManifestTemplates(String origin, List<GenericKubernetesResource> objects) {
    this.origin = origin;
    this.objects = objects;
  }

  /** The objects {@code kustomize build dir} renders. */
  static ManifestTemplates kustomize(Path dir, KubernetesSerialization serialization) {
    String origin = dir.toString();
    return of(origin, parse(Kustomize.build(dir), origin, serialization));
  }

  /**
   * The objects of the YAML files (one or more documents each) of a directory; kustomization files
   * are skipped.
   */
  static ManifestTemplates directory(Path directory, KubernetesSerialization serialization) {
    if (!Files.isDirectory(directory)) {
      throw CliFailure.usage("no manifest directory " + directory.toAbsolutePath());
    }
    List<GenericKubernetesResource> objects = new ArrayList<>();
    try (Stream<Path> files = Files.list(directory)) {
      for (Path file : files.sorted().toList()) {
        String name = file.getFileName().toString();
        if ((name.endsWith(".yaml") || name.endsWith(".yml"))
            && !name.startsWith("kustomization.")) {
          objects.addAll(
              parse(
                  Files.readString(file, StandardCharsets.UTF_8), file.toString(), serialization));
        }
      }
    } catch (IOException e) {
      throw CliFailure.failed(
          "cannot read the manifests in " + directory + ": " + e.getMessage(), e);
    }
    return of(directory.toString(), objects);
  }

  private static ManifestTemplates of(String origin, List<GenericKubernetesResource> objects) {
    ManifestTemplates templates = new ManifestTemplates(origin, objects);
    if (templates.services().isEmpty()) {
      throw CliFailure.failed("no " + SERVING_V1 + " Service in " + origin);
    }
    return templates;
  }

  static List<GenericKubernetesResource> parse(
      String yaml, String origin, KubernetesSerialization serialization) {
    List<GenericKubernetesResource> found = new ArrayList<>();
    try (MappingIterator<Object> documents = YAML.readerFor(Object.class).readValues(yaml)) {
      while (documents.hasNext()) {
        Object document = documents.next();
        if (document == null) {
          continue;
        }
        if (!(document instanceof Map<?, ?> map)
            || map.get("kind") == null
            || map.get("apiVersion") == null) {
          throw CliFailure.failed(origin + " holds a document that is no Kubernetes object");
        }
        GenericKubernetesResource object =
            serialization.convertValue(map, GenericKubernetesResource.class);
        if (object.getMetadata() == null || object.getMetadata().getName() == null) {
          throw CliFailure.failed(origin + " has a " + object.getKind() + " without metadata.name");
        }
        found.add(object);
      }
    } catch (IOException | RuntimeException e) {
      if (e instanceof CliFailure failure) {
        throw failure;
      }
      throw CliFailure.failed("cannot parse " + origin + ": " + e.getMessage(), e);
    }
    return found;
  }

  String origin() {
    return origin;
  }

  List<GenericKubernetesResource> all() {
    return objects;
  }

  /** The Knative Services. */
  List<GenericKubernetesResource> services() {
    return objects.stream().filter(ManifestTemplates::isService).toList();
  }

  static boolean isService(GenericKubernetesResource object) {
    return SERVING_V1.equals(object.getApiVersion()) && "Service".equals(object.getKind());
  }

  /**
   * The Service of one function, named as the Service ({@code hub-create-session}), its kebab-case
   * function name ({@code create-session}) or the function itself ({@code createSession}).
   */
  GenericKubernetesResource function(String name) {
    return services().stream()
        .filter(s -> matches(s, name))
        .findFirst()
        .orElseThrow(
            () ->
                CliFailure.usage(
                    "no function "
                        + name
                        + " in "
                        + origin
                        + "; known: "
                        + String.join(
                            ", ", services().stream().map(ManifestTemplates::describe).toList())));
  }

  private static boolean matches(GenericKubernetesResource service, String name) {
    String serviceName = service.getMetadata().getName();
    return serviceName.equals(name)
        || serviceName.equals("hub-" + kebab(name))
        || name.equals(functionOf(service));
  }

  /** The function a generic Service serves, from its first container's environment. */
  @SuppressWarnings("unchecked")
  static String functionOf(GenericKubernetesResource service) {
    Object containers =
        Generic.at(service.getAdditionalProperties(), "spec", "template", "spec", "containers");
    if (!(containers instanceof List<?> list)
        || list.isEmpty()
        || !(list.get(0) instanceof Map<?, ?> first)) {
      return null;
    }
    Object env = ((Map<String, Object>) first).get("env");
    if (!(env instanceof List<?> vars)) {
      return null;
    }
    return vars.stream()
        .filter(v -> v instanceof Map<?, ?> m && FUNCTION_ENV.equals(m.get("name")))
        .map(v -> Objects.toString(((Map<?, ?>) v).get("value"), null))
        .findFirst()
        .orElse(null);
  }

  static String functionOf(Service service) {
    return containers(service).stream()
        .flatMap(c -> c.getEnv() == null ? Stream.<EnvVar>empty() : c.getEnv().stream())
        .filter(e -> FUNCTION_ENV.equals(e.getName()))
        .map(EnvVar::getValue)
        .findFirst()
        .orElse(null);
  }

  static List<Container> containers(Service service) {
    if (service.getSpec() == null
        || service.getSpec().getTemplate() == null
        || service.getSpec().getTemplate().getSpec() == null
        || service.getSpec().getTemplate().getSpec().getContainers() == null) {
      return List.of();
    }
    return service.getSpec().getTemplate().getSpec().getContainers();
  }

  private static String describe(GenericKubernetesResource service) {
    String function = functionOf(service);
    return function == null ? service.getMetadata().getName() : function;
  }

  static String kebab(String camel) {
    return camel.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT);
  }
}
