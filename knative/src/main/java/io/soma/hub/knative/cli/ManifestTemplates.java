package io.soma.hub.knative.cli;

import io.fabric8.knative.serving.v1.Service;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * The gateway functions' Knative Service manifests (one or more YAML documents per file) used as deploy templates.
 * Other documents (a kustomization, a ConfigMap) are skipped.
 */
final class ManifestTemplates {

  static final String FUNCTION_ENV = "SPRING_CLOUD_FUNCTION_DEFINITION";

  private final Path directory;
  private final List<Service> services;

  private ManifestTemplates(Path directory, List<Service> services) {
    this.directory = directory;
    this.services = services;
  }

  static ManifestTemplates load(Path directory, KubernetesSerialization serialization) {
    if (!Files.isDirectory(directory)) {
      throw CliFailure.usage("no manifest directory " + directory.toAbsolutePath()
          + " (--manifests DIR or HUB_KNATIVE_MANIFESTS)");
    }
    List<Service> services = new ArrayList<>();
    try (Stream<Path> files = Files.list(directory)) {
      for (Path file : files.sorted().toList()) {
        String name = file.getFileName().toString();
        if ((name.endsWith(".yaml") || name.endsWith(".yml")) && !name.startsWith("kustomization.")) {
          services.addAll(read(file, serialization));
        }
      }
    } catch (IOException e) {
      throw CliFailure.failed("cannot read the manifests in " + directory + ": " + e.getMessage(), e);
    }
    if (services.isEmpty()) {
      throw CliFailure.failed("no serving.knative.dev/v1 Service in " + directory.toAbsolutePath());
    }
    return new ManifestTemplates(directory, services);
  }

  private static List<Service> read(Path file, KubernetesSerialization serialization) {
    Object parsed;
    try (InputStream in = Files.newInputStream(file)) {
      parsed = serialization.unmarshal(in);
    } catch (IOException | RuntimeException e) {
      throw CliFailure.failed("cannot parse " + file + ": " + e.getMessage(), e);
    }
    List<Service> found = new ArrayList<>();
    Collection<?> documents = parsed instanceof Collection<?> many ? many
        : parsed instanceof io.fabric8.kubernetes.api.model.KubernetesList list ? list.getItems()
        : parsed == null ? List.of() : List.of(parsed);
    for (Object document : documents) {
      if (document instanceof Service service) {
        if (service.getMetadata() == null || service.getMetadata().getName() == null) {
          throw CliFailure.failed(file + " has a Service without metadata.name");
        }
        found.add(service);
      }
    }
    return found;
  }

  List<Service> all() {
    return services;
  }

  /**
   * The Service of one function, named as the Service ({@code hub-create-session}), its kebab-case function name
   * ({@code create-session}) or the function itself ({@code createSession}).
   */
  Service function(String name) {
    return services.stream()
        .filter(s -> matches(s, name))
        .findFirst()
        .orElseThrow(() -> CliFailure.usage("no function " + name + " in " + directory + "; known: "
            + String.join(", ", services.stream().map(ManifestTemplates::describe).toList())));
  }

  private static boolean matches(Service service, String name) {
    String serviceName = service.getMetadata().getName();
    return serviceName.equals(name)
        || serviceName.equals("hub-" + kebab(name))
        || name.equals(functionOf(service));
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
    if (service.getSpec() == null || service.getSpec().getTemplate() == null
        || service.getSpec().getTemplate().getSpec() == null
        || service.getSpec().getTemplate().getSpec().getContainers() == null) {
      return List.of();
    }
    return service.getSpec().getTemplate().getSpec().getContainers();
  }

  private static String describe(Service service) {
    String function = functionOf(service);
    return function == null ? service.getMetadata().getName() : function;
  }

  static String kebab(String camel) {
    return camel.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT);
  }
}
