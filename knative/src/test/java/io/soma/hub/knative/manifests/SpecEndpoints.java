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

/** The gateway's endpoints as SPEC lists them (/work/shared/SPEC.md, "Endpoints"), and as the functions bind them. */
final class SpecEndpoints {

  record Endpoint(String method, String path, String function) {

    /** The Knative Service serving this endpoint's function: {@code createSession} runs as hub-create-session. */
    String service() {
      return serviceOf(function);
    }

    /** A concrete request path: every {@code {variable}} replaced by an id. */
    String samplePath() {
      return path.replaceAll("\\{[a-z]+}", "c0ffee-42");
    }
  }

  static final List<Endpoint> ALL =
      List.of(
          new Endpoint("GET", "/v1/status", "status"),
          new Endpoint("POST", "/v1/sessions", "createSession"),
          new Endpoint("GET", "/v1/sessions/{id}", "getSession"),
          new Endpoint("GET", "/v1/wizards", "listWizards"),
          new Endpoint("POST", "/v1/wizards/start", "startWizard"),
          new Endpoint("POST", "/v1/wizards/{id}/answer", "answerWizard"),
          new Endpoint("GET", "/v1/wizards/{id}", "getWizard"),
          new Endpoint("POST", "/v1/wizards/{id}/approve", "approveWizard"),
          new Endpoint("GET", "/v1/campaigns/{id}", "getCampaign"),
          new Endpoint("POST", "/v1/campaigns/{id}/approval", "decideCampaign"),
          new Endpoint("POST", "/v1/memory/refresh", "refreshMemory"),
          new Endpoint("POST", "/v1/memory", "rememberMemory"),
          new Endpoint("GET", "/v1/memory/{key}", "recallMemory"),
          new Endpoint("POST", "/v1/memory/search", "searchMemory"));

  static final List<String> FUNCTIONS = ALL.stream().map(Endpoint::function).toList();

  private static final Pattern ROUTE =
      Pattern.compile("GatewayRoute\\.of\\(\\s*HttpMethod\\.(\\w+),\\s*\"([^\"]+)\",\\s*\"(\\w+)\"");

  private SpecEndpoints() {}

  static String serviceOf(String function) {
    return "hub-" + function.replaceAll("([A-Z])", "-$1").toLowerCase();
  }

  /** The endpoints the functions declare in their {@code *Routes.java}, read as text. */
  static List<Endpoint> declaredInSources(Path sources) {
    List<Endpoint> declared = new ArrayList<>();
    try (Stream<Path> files = Files.walk(sources)) {
      for (Path file : files.filter(f -> f.getFileName().toString().endsWith("Routes.java")).toList()) {
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
