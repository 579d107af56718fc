package io.soma.hub.knative.manifests;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.knative.serving.v1.Service;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRoute;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRouteFilter;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRouteMatch;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRouteRule;
import io.fabric8.kubernetes.api.model.gatewayapi.v1beta1.ReferenceGrant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

@DisplayName("One host routes every SPEC method and path to the Knative Service of its function")
class RoutingContractTest {

  /** Gateway API's maxItems for an HTTPRoute's spec.rules. */
  private static final int MAX_RULES_PER_ROUTE = 16;

  private static final String LOCAL_GATEWAY = "knative-local-gateway";
  private static final String GATEWAY_NAMESPACE = "istio-system";

  static Stream<Rendered> renderings() {
    return Manifests.RENDERINGS.stream().map(Rendered::of);
  }

  @Test
  @DisplayName(
      "functions.txt, the table the manifests are generated from, is what the functions' *Routes.java declare")
  void functionTableMatchesTheFunctionsSources() {
    assertThat(SpecEndpoints.declaredInSources(Manifests.functionSources()))
        .containsExactlyInAnyOrderElementsOf(SpecEndpoints.ALL);
  }

  @ParameterizedTest
  @MethodSource("renderings")
  @DisplayName(
      "each SPEC endpoint, and the API's document, matches exactly one rule, which sends it to a function")
  void everyEndpointHasExactlyOneRule(Rendered rendered) {
    List<HTTPRoute> routes = apiRoutes(rendered);
    assertThat(routes)
        .allSatisfy(
            route -> assertThat(route.getSpec().getHostnames()).containsExactly(host(rendered)));
    Set<HTTPRouteRule> used = new HashSet<>();

    for (SpecEndpoints.Endpoint endpoint : SpecEndpoints.ALL) {
      List<HTTPRouteRule> rules = rulesFor(routes, endpoint.method(), endpoint.samplePath());
      assertThat(rules).as("rules matching %s %s", endpoint.method(), endpoint.path()).hasSize(1);
      HTTPRouteRule rule = rules.get(0);
      used.add(rule);
      assertThat(rewrittenHost(rule))
          .as("host for %s %s", endpoint.method(), endpoint.path())
          .isEqualTo(endpoint.service() + ".soma-hub.svc.cluster.local");
      assertThat(rule.getBackendRefs())
          .singleElement()
          .satisfies(
              backend -> {
                assertThat(backend.getKind()).isEqualTo("Service");
                assertThat(backend.getName()).isEqualTo(LOCAL_GATEWAY);
                assertThat(backend.getNamespace()).isEqualTo(GATEWAY_NAMESPACE);
                assertThat(backend.getPort()).isEqualTo(80);
              });
      Service service = rendered.one(Service.class, endpoint.service());
      assertThat(
              FunctionServiceContractTest.functionOf(
                  FunctionServiceContractTest.container(service)))
          .isEqualTo(endpoint.function());
    }
    List<HTTPRouteRule> document = rulesFor(routes, "GET", "/openapi.json");
    assertThat(document).as("rules matching GET /openapi.json").hasSize(1);
    assertThat(rewrittenHost(document.get(0))).isEqualTo("hub-status.soma-hub.svc.cluster.local");
    used.add(document.get(0));
    assertThat(routes.stream().mapToInt(route -> route.getSpec().getRules().size()).sum())
        .as("rules no SPEC endpoint uses")
        .isEqualTo(used.size());
  }

  @ParameterizedTest
  @MethodSource("renderings")
  @DisplayName(
      "no route has more rules than Gateway API allows (16): the API server refuses such a route")
  void everyRouteFitsGatewayApisLimit(Rendered rendered) {
    assertThat(apiRoutes(rendered))
        .allSatisfy(
            route ->
                assertThat(route.getSpec().getRules())
                    .as(
                        "rules of HTTPRoute %s: a feature with more functions needs a route of its own",
                        route.getMetadata().getName())
                    .hasSizeLessThanOrEqualTo(MAX_RULES_PER_ROUTE));
  }

  @ParameterizedTest
  @MethodSource("renderings")
  @DisplayName("a method or path SPEC does not have reaches no function")
  void otherRequestsMatchNothing(Rendered rendered) {
    List<HTTPRoute> route = apiRoutes(rendered);

    assertThat(rulesFor(route, "POST", "/v1/status")).isEmpty();
    assertThat(rulesFor(route, "DELETE", "/v1/sessions/c0ffee-42")).isEmpty();
    assertThat(rulesFor(route, "GET", "/v1/sessions/c0ffee-42/steps")).isEmpty();
    assertThat(rulesFor(route, "GET", "/v1/sessions/")).isEmpty();
    assertThat(rulesFor(route, "POST", "/v1/wizards/c0ffee-42")).isEmpty();
    assertThat(rulesFor(route, "GET", "/v1/wizards/c0ffee-42/answer")).isEmpty();
    assertThat(rulesFor(route, "GET", "/v1/memory/a/b")).isEmpty();
    assertThat(rulesFor(route, "GET", "/health")).isEmpty();
    assertThat(rulesFor(route, "GET", "/metrics")).isEmpty();
  }

  @ParameterizedTest
  @MethodSource("renderings")
  @DisplayName(
      "the route may forward to the local gateway's namespace, and the functions are cluster-local")
  void crossNamespaceReferenceIsGranted(Rendered rendered) {
    HTTPRoute route = apiRoutes(rendered).get(0);
    ReferenceGrant grant = rendered.one(ReferenceGrant.class, "soma-hub-to-knative-local-gateway");

    assertThat(grant.getMetadata().getNamespace()).isEqualTo(GATEWAY_NAMESPACE);
    assertThat(grant.getSpec().getFrom())
        .anySatisfy(
            from -> {
              assertThat(from.getKind()).isEqualTo("HTTPRoute");
              assertThat(from.getNamespace()).isEqualTo(route.getMetadata().getNamespace());
            });
    assertThat(grant.getSpec().getTo())
        .anySatisfy(
            to -> {
              assertThat(to.getKind()).isEqualTo("Service");
              assertThat(to.getName()).isEqualTo(LOCAL_GATEWAY);
            });
    assertThat(rendered.all(Service.class))
        .allSatisfy(
            service ->
                assertThat(service.getMetadata().getLabels())
                    .containsEntry("networking.knative.dev/visibility", "cluster-local"));
  }

  /** The API's HTTPRoutes: one per feature, and the document's. */
  private static List<HTTPRoute> apiRoutes(Rendered rendered) {
    List<HTTPRoute> routes = rendered.all(HTTPRoute.class);
    assertThat(routes)
        .extracting(route -> route.getMetadata().getName())
        .contains("hub-api-status", "hub-api-sessions", "hub-api-memory", "hub-api-document");
    return routes;
  }

  private static String host(Rendered rendered) {
    return rendered.one(HTTPRoute.class, "hub-api-document").getSpec().getHostnames().get(0);
  }

  /**
   * The rules with a match for this request, as Gateway API matches: method, then path by its type.
   */
  private static List<HTTPRouteRule> rulesFor(List<HTTPRoute> routes, String method, String path) {
    List<HTTPRouteRule> rules = new ArrayList<>();
    for (HTTPRoute route : routes) {
      for (HTTPRouteRule rule : route.getSpec().getRules()) {
        if (rule.getMatches().stream().anyMatch(match -> matches(match, method, path))) {
          rules.add(rule);
        }
      }
    }
    return rules;
  }

  private static boolean matches(HTTPRouteMatch match, String method, String path) {
    if (match.getMethod() != null && !match.getMethod().equals(method)) {
      return false;
    }
    String value = match.getPath().getValue();
    return switch (match.getPath().getType()) {
      case "Exact" -> value.equals(path);
      case "PathPrefix" ->
          path.equals(value) || path.startsWith(value.endsWith("/") ? value : value + "/");
      // Envoy-based implementations match the whole path against an RE2 expression.
      case "RegularExpression" -> Pattern.matches(value, path);
      default -> throw new AssertionError("unknown path match type " + match.getPath().getType());
    };
  }

  private static String rewrittenHost(HTTPRouteRule rule) {
    return rule.getFilters().stream()
        .filter(filter -> filter.getType().equals("URLRewrite"))
        .map(HTTPRouteFilter::getUrlRewrite)
        .map(rewrite -> rewrite.getHostname())
        .findFirst()
        .orElseThrow(() -> new AssertionError("a rule without a URLRewrite of the host"));
  }
}
