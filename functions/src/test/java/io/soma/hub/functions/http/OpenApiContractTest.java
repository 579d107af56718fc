package io.soma.hub.functions.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.soma.hub.functions.caller.Caller;
import io.soma.hub.functions.errors.InvalidInputException;
import io.soma.hub.functions.errors.QuotaExceededException;
import io.soma.hub.functions.limits.RateDecision;
import io.soma.hub.functions.limits.RateLimit;
import io.soma.hub.functions.limits.RouteClass;
import java.io.IOException;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.config.YamlPropertiesFactoryBean;
import org.springframework.core.io.ClassPathResource;
import org.springframework.http.HttpHeaders;
import tools.jackson.databind.JsonNode;

/**
 * The OpenAPI document (openapi.yaml, served at /openapi.json) against the code: the routes and
 * their capabilities, the body records, the statuses the edge can answer and the limits.
 * OpenApiBodiesContractTest and OpenApiGrammarsContractTest hold the schemas to what the code
 * accepts.
 */
class OpenApiContractTest {

  static final OpenApiSchemas DOCUMENT = new OpenApiSchemas(OpenApiDocument.load().tree());
  static final List<GatewayRoute> ROUTES = DeclaredRoutes.all();

  /**
   * What the edge can answer to any request, before or around any function (429: every route is
   * rate limited).
   */
  private static final Set<String> EDGE_STATUSES =
      Set.of("400", "401", "413", "414", "415", "429", "431");

  static Stream<GatewayRoute> routes() {
    return ROUTES.stream();
  }

  static JsonNode operation(GatewayRoute route) {
    return DOCUMENT
        .document()
        .path("paths")
        .path(route.path())
        .path(route.method().name().toLowerCase(Locale.ROOT));
  }

  @Test
  void theOperationsAreExactlyTheRoutes() {
    Set<String> routes =
        ROUTES.stream().map(r -> r.method().name() + " " + r.path()).collect(Collectors.toSet());
    Set<String> operations = new HashSet<>();
    DOCUMENT
        .document()
        .get("paths")
        .properties()
        .forEach(
            path ->
                path.getValue()
                    .properties()
                    .forEach(
                        method ->
                            operations.add(
                                method.getKey().toUpperCase(Locale.ROOT) + " " + path.getKey())));

    assertThat(operations).containsExactlyInAnyOrderElementsOf(routes);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("routes")
  void eachOperationIsItsFunctionAndNeedsItsCapability(GatewayRoute route) {
    JsonNode operation = operation(route);

    assertThat(operation.path("operationId").asString()).isEqualTo(route.function());
    List<String> capabilities = new ArrayList<>();
    operation
        .path("security")
        .forEach(
            requirement -> {
              assertThat(requirement.properties())
                  .extracting(Map.Entry::getKey)
                  .containsExactly("bearer");
              requirement.get("bearer").forEach(role -> capabilities.add(role.asString()));
            });
    assertThat(operation.path("security")).hasSize(1);
    assertThat(capabilities)
        .isEqualTo(route.capability() == null ? List.of() : List.of(route.capability()));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("routes")
  void eachBodyIsItsRecordAndNothingMore(GatewayRoute route) {
    JsonNode requestBody = operation(route).path("requestBody");
    if (route.bodyType() == null) {
      assertThat(requestBody.isMissingNode())
          .as("a request body for %s", route.function())
          .isTrue();
      return;
    }
    assertThat(requestBody.path("required").asBoolean()).isTrue();
    assertThat(OpenApiSchemas.names(requestBody.get("content")))
        .containsExactly("application/json");
    JsonNode schema = DOCUMENT.resolve(requestBody.at("/content/application~1json/schema"));
    List<String> components =
        Arrays.stream(route.bodyType().getRecordComponents())
            .map(
                component ->
                    component.getName().replaceAll("([A-Z])", "_$1").toLowerCase(Locale.ROOT))
            .toList();

    assertThat(OpenApiSchemas.names(schema.get("properties")))
        .containsExactlyInAnyOrderElementsOf(components);
    assertThat(schema.get("additionalProperties").asBoolean(true))
        .as("additionalProperties")
        .isFalse();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("routes")
  void eachOperationDocumentsEveryStatusItCanAnswer(GatewayRoute route) {
    Set<String> statuses = new TreeSet<>(OpenApiSchemas.names(operation(route).get("responses")));
    Set<String> expected = new TreeSet<>(EDGE_STATUSES);
    if (route.capability() != null) {
      expected.add("403");
    }
    if (route.path().contains("{")) {
      expected.add("404");
    }

    assertThat(statuses).containsAll(expected);
    // 422 is a key reused with another body; the wizard's answer replays the first answer instead.
    if (statuses.contains("422")) {
      assertThat(readsIdempotencyKey(route)).as("422 without an Idempotency-Key").isTrue();
    }
    assertThat(statuses).as("no 5xx but 503").allMatch(s -> !s.startsWith("5") || s.equals("503"));
    assertThat(hasIdempotencyKeyParameter(route))
        .as("the Idempotency-Key parameter")
        .isEqualTo(readsIdempotencyKey(route));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("routes")
  void everyErrorIsAProblemAndEveryAnswerHasItsRequestId(GatewayRoute route) {
    operation(route)
        .get("responses")
        .properties()
        .forEach(
            entry -> {
              JsonNode response = DOCUMENT.resolve(entry.getValue());
              String status = entry.getKey();
              assertThat(response.at("/headers/X-Request-Id/$ref").asString())
                  .as(status)
                  .isEqualTo("#/components/headers/X-Request-Id");
              if (status.equals("204")) {
                assertThat(response.get("content")).as(status).isNull();
              } else if (status.startsWith("2")) {
                // JSON, or the events of a stream (EventStream), as the route's function answers.
                assertThat(OpenApiSchemas.names(response.get("content")))
                    .as(status)
                    .hasSize(1)
                    .containsAnyOf("application/json", "text/event-stream");
              } else {
                assertThat(OpenApiSchemas.names(response.get("content")))
                    .as(status)
                    .containsExactly(Problem.MEDIA_TYPE);
                JsonNode schema = response.at("/content/application~1problem+json/schema");
                assertThat(schema.at("/allOf/0/$ref").asString())
                    .as(status)
                    .isEqualTo("#/components/schemas/Problem");
                assertThat(schema.at("/allOf/1/properties/status/const").asString())
                    .as(status)
                    .isEqualTo(status);
              }
            });
  }

  @Test
  void theEdgeLimitsAreEdgeLimits() throws IllegalAccessException {
    Map<String, Integer> inCode = new TreeMap<>();
    for (var field : EdgeLimits.class.getDeclaredFields()) {
      if (Modifier.isPublic(field.getModifiers()) && Modifier.isStatic(field.getModifiers())) {
        inCode.put(field.getName().toLowerCase(Locale.ROOT), field.getInt(null));
      }
    }
    Map<String, Integer> documented = new TreeMap<>();
    DOCUMENT
        .document()
        .get("x-edge-limits")
        .properties()
        .forEach(limit -> documented.put(limit.getKey(), limit.getValue().asInt()));

    assertThat(documented).isEqualTo(inCode);
  }

  @Test
  void theRateLimitsAreTheFunctionsDefaults() throws IOException {
    Map<String, String> inSettings = new TreeMap<>();
    Properties application = applicationDefaults();
    for (String name : List.of("reads", "writes", "sessions", "running-sessions")) {
      String placeholder = application.getProperty("hub.rate-limits.default." + name);
      // ${HUB_RATE_LIMIT_READS:1000/1s}: the value when the deployment sets nothing.
      inSettings.put(
          name, placeholder.substring(placeholder.indexOf(':') + 1, placeholder.length() - 1));
    }
    Map<String, String> documented = new TreeMap<>();
    DOCUMENT
        .document()
        .get("x-rate-limits")
        .properties()
        .forEach(limit -> documented.put(limit.getKey(), limit.getValue().asString()));

    assertThat(documented).isEqualTo(inSettings);
    for (RouteClass routeClass : RouteClass.values()) {
      assertThat(
              DOCUMENT
                  .document()
                  .at("/components/schemas/Problem/properties/limit/enum")
                  .toString())
          .contains('"' + routeClass.label() + '"');
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("routes")
  void aRefusalByTheLimitsNamesWhenToRetry(GatewayRoute route) {
    JsonNode tooMany = DOCUMENT.resolve(operation(route).at("/responses/429"));
    JsonNode retryAfter = DOCUMENT.resolve(tooMany.at("/headers/Retry-After"));

    assertThat(retryAfter.path("schema").path("type").asString()).isEqualTo("integer");
    // Only a session start can meet the running-sessions quota, which has no time to name.
    assertThat(retryAfter.path("required").asBoolean())
        .isEqualTo(route.routeClass() != RouteClass.SESSIONS);
    assertThat(OpenApiSchemas.names(tooMany.get("headers")))
        .contains("RateLimit-Limit", "RateLimit-Remaining", "RateLimit-Reset");
  }

  @Test
  void theLimitsProblemsAreTheDocumentsProblems() throws IOException {
    JsonNode schema =
        DOCUMENT
            .resolve(DOCUMENT.document().at("/paths/~1v1~1sessions/post/responses/429"))
            .at("/content/application~1problem+json/schema");
    RateDecision refused =
        new RateDecision(RouteClass.SESSIONS, RateLimit.valueOf("2/1m"), false, 0, 60, 30);
    Problem rate = RateLimitAnswers.refused(refused, "/v1/sessions");
    Problem quota =
        ProblemMapping.toProblem(
            new QuotaExceededException("at the quota", "running_sessions", 5, 5), "/v1/sessions");

    for (Problem problem : List.of(rate, quota)) {
      Map<String, Object> body = new java.util.LinkedHashMap<>(problem.body());
      body.put("request_id", "r-1");
      assertThat(DOCUMENT.accepts(schema, OpenApiSchemas.JSON.valueToTree(body)))
          .as(body.toString())
          .isTrue();
    }
  }

  private static Properties applicationDefaults() throws IOException {
    YamlPropertiesFactoryBean yaml = new YamlPropertiesFactoryBean();
    yaml.setResources(new ClassPathResource("application.yaml"));
    return yaml.getObject();
  }

  /**
   * A route reads the header when its input refuses a malformed one (IdempotencyKeys.check, 400
   * naming it).
   */
  private static boolean readsIdempotencyKey(GatewayRoute route) {
    HttpHeaders headers = new HttpHeaders();
    headers.add("Idempotency-Key", "");
    Object body =
        route.bodyType() == null
            ? null
            : JsonBodies.parse(example(route).toString(), route.bodyType());
    Caller caller = new Caller("acme", "ann", Set.of());
    try {
      route
          .input()
          .apply(new RouteRequest(caller, Map.of("id", "x", "key", "k"), headers, body, Map.of()));
      return false;
    } catch (InvalidInputException e) {
      return "Idempotency-Key".equals(e.field());
    }
  }

  private static boolean hasIdempotencyKeyParameter(GatewayRoute route) {
    List<String> names = new ArrayList<>();
    operation(route)
        .path("parameters")
        .forEach(p -> names.add(DOCUMENT.resolve(p).path("name").asString()));
    return names.contains("Idempotency-Key");
  }

  static JsonNode example(GatewayRoute route) {
    return operation(route).at("/requestBody/content/application~1json/example");
  }
}
