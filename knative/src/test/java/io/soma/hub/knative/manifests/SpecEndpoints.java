package io.soma.hub.knative.manifests;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The gateway's endpoints, one per function, as knative/manifests/functions.txt lists them (the
 * table the manifests are generated from), and as the functions bind them in their {@code
 * *Routes.java}.
 */
public final class SpecEndpoints {

  record Endpoint(String method, String path, String function) {

    /**
     * The Knative Service serving this endpoint's function: {@code createSession} runs as
     * hub-create-session.
     */
    String service() {
      return serviceOf(function);
    }

    /** A concrete request path: every {@code {variable}} replaced by an id. */
    String samplePath() {
      return path.replaceAll("\\{[a-z]+}", "c0ffee-42");
    }
  }

  /** Every function's endpoint, in the table's order. */
  static final List<Endpoint> ALL = readTable(Manifests.root().resolve("functions.txt"));

  /** The functions' bean names, in the table's order (the CLI's tests use them too). */
  public static final List<String> FUNCTIONS = ALL.stream().map(Endpoint::function).toList();

  /** The API's features: the path segments after /v1, each with an HTTPRoute of its own. */
  static final long FEATURES =
      ALL.stream().map(endpoint -> endpoint.path().split("/")[2]).distinct().count();

  /**
   * The objects a rendering of the manifests holds: a Knative Service per function, an HTTPRoute
   * per feature, and 10 more (the namespace, the config maps, the worker, the document's route,
   * ...).
   */
  public static final int RENDERED_OBJECTS = FUNCTIONS.size() + (int) FEATURES + 10;

  private static final Pattern ROUTE =
      Pattern.compile(
          "GatewayRoute\\.of\\(\\s*HttpMethod\\.(\\w+),\\s*\"([^\"]+)\",\\s*\"(\\w+)\"");

  private SpecEndpoints() {}

  public static String serviceOf(String function) {
    return "hub-" + function.replaceAll("([A-Z])", "-$1").toLowerCase();
  }

  /**
   * The endpoints of functions.txt (columns service, function, method, path). Its service column is
   * not read: the tests derive each service from its function, so a service off the hub-kebab-case
   * rule fails them.
   */
  static List<Endpoint> readTable(Path table) {
    try (Stream<String> lines = Files.lines(table)) {
      return lines
          .map(String::strip)
          .filter(line -> !line.isEmpty() && !line.startsWith("#"))
          .map(line -> line.split("\\s+"))
          .map(columns -> new Endpoint(columns[2], columns[3], columns[1]))
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(table.toString(), e);
    }
  }

  /** The endpoints the functions declare in their {@code *Routes.java}, read as text. */
  static List<Endpoint> declaredInSources(Path sources) {
    List<Endpoint> declared = new ArrayList<>();
    try (Stream<Path> files = Files.walk(sources)) {
      for (Path file :
          files.filter(f -> f.getFileName().toString().endsWith("Routes.java")).toList()) {
        Matcher route = ROUTE.matcher(Files.readString(file));
        while (route.find()) {
          declared.add(new Endpoint(route.group(1), route.group(2), route.group(3)));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(sources.toString(), e);
    }
    return declared;
  }
}
