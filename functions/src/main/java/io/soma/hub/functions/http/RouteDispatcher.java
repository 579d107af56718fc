package io.soma.hub.functions.http;

import io.soma.hub.functions.caller.Caller;
import io.soma.hub.functions.errors.InvalidInputException;
import io.soma.hub.functions.http.ProblemMapping.PayloadTooLargeException;
import io.soma.hub.functions.limits.RateDecision;
import io.soma.hub.functions.limits.TenantRateLimiter;
import io.soma.hub.telemetry.logs.LogKeys;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.slf4j.MDC;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.servlet.function.RequestPredicate;
import org.springframework.web.servlet.function.RequestPredicates;
import org.springframework.web.servlet.function.RouterFunction;
import org.springframework.web.servlet.function.RouterFunctions;
import org.springframework.web.servlet.function.ServerRequest;
import org.springframework.web.servlet.function.ServerResponse;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

/**
 * The gateway's HTTP edge: serves each enabled {@link GatewayRoute} by checking the caller's
 * capability, taking a token from the tenant's rate limit, reading and validating the body,
 * invoking the route's function from the catalog and answering its output; it also answers the
 * API's OpenAPI document ({@link OpenApiDocument}). Everything HTTP-specific (limits, media types,
 * problem details) happens here so the functions stay plain Java.
 */
public final class RouteDispatcher {

  /** A route with its function resolved from the catalog. */
  public record BoundRoute(GatewayRoute route, Function<Object, Object> function) {}

  private final List<BoundRoute> routes;
  private final Function<ServerRequest, Caller> callers;
  private final TenantRateLimiter limiter;
  private final OpenApiDocument document;
  private final EventStreams eventStreams;
  private final List<PathPattern> patterns;

  public RouteDispatcher(
      List<BoundRoute> routes,
      Function<ServerRequest, Caller> callers,
      TenantRateLimiter limiter,
      OpenApiDocument document,
      EventStreams eventStreams) {
    this.routes = List.copyOf(routes);
    this.callers = callers;
    this.limiter = limiter;
    this.document = document;
    this.eventStreams = eventStreams;
    this.patterns =
        routes.stream()
            .map(b -> PathPatternParser.defaultInstance.parse(b.route().path()))
            .toList();
  }

  public RouterFunction<ServerResponse> routerFunction() {
    RouterFunctions.Builder builder = RouterFunctions.route();
    for (BoundRoute bound : routes) {
      GatewayRoute route = bound.route();
      // HEAD is GET without the body (Tomcat drops it), so it works wherever GET does.
      RequestPredicate methods =
          route.method() == HttpMethod.GET
              ? RequestPredicates.methods(HttpMethod.GET, HttpMethod.HEAD)
              : RequestPredicates.method(route.method());
      builder.route(methods.and(matches(route.path())), request -> serve(bound, request));
    }
    builder.route(
        RequestPredicates.methods(HttpMethod.GET, HttpMethod.HEAD)
            .and(RequestPredicates.path(OpenApiDocument.PATH)),
        document::serve);
    return builder.route(RequestPredicates.all(), this::notRouted).build();
  }

  /**
   * A literal path wins over a template, as in OpenAPI: {@code /v1/memory/search} is the search,
   * never the memory key "search", for every method (a GET there is 405, not a recall).
   */
  private RequestPredicate matches(String path) {
    RequestPredicate template = RequestPredicates.path(path);
    return path.contains("{") ? template.and(request -> !isLiteral(request)) : template;
  }

  private boolean isLiteral(ServerRequest request) {
    String path = request.requestPath().pathWithinApplication().value();
    return OpenApiDocument.PATH.equals(path)
        || routes.stream()
            .anyMatch(b -> !b.route().path().contains("{") && b.route().path().equals(path));
  }

  private ServerResponse serve(BoundRoute bound, ServerRequest request) {
    GatewayRoute route = bound.route();
    HttpHeaders limitHeaders = new HttpHeaders();
    try {
      MDC.put(LogKeys.FUNCTION, route.function());
      Caller caller = callers.apply(request);
      MDC.put(LogKeys.TENANT_ID, caller.tenant());
      sessionIdIn(route, request).ifPresent(id -> MDC.put(LogKeys.SESSION_ID, id));
      if (route.capability() != null && !caller.can(route.capability())) {
        return problem(
            new Problem(
                HttpStatus.FORBIDDEN,
                "the token lacks the capability " + route.capability(),
                request.path(),
                Map.of("required_capability", route.capability())));
      }
      // After the capability, before the body: a refused request costs one check and starts
      // nothing.
      RateDecision rate = limiter.check(caller.tenant(), route.routeClass());
      limitHeaders.addAll(RateLimitAnswers.headers(rate));
      if (!rate.allowed()) {
        return problem(RateLimitAnswers.refused(rate, request.path()), limitHeaders);
      }
      Map<String, String> query =
          route.query().isEmpty()
              ? Map.of()
              : QueryParameters.parse(request.servletRequest().getQueryString(), route.query());
      Object body = route.bodyType() == null ? null : readBody(request, route.bodyType());
      Object input =
          route
              .input()
              .apply(
                  new RouteRequest(
                      caller,
                      request.pathVariables(),
                      request.headers().asHttpHeaders(),
                      body,
                      query));
      Reply reply = route.reply().apply(bound.function().apply(input));
      if (reply.body() instanceof EventStream stream) {
        return HttpMethod.HEAD.equals(request.method())
            ? EventStreams.head(limitHeaders)
            : eventStreams.serve(stream, limitHeaders);
      }
      ServerResponse.BodyBuilder response =
          ServerResponse.status(reply.status()).headers(h -> h.addAll(limitHeaders));
      reply.headers().forEach(response::header);
      if (reply.body() == null) {
        return response.build();
      }
      return response
          .contentType(MediaType.APPLICATION_JSON)
          .body(GatewayJson.MAPPER.writeValueAsBytes(reply.body()));
    } catch (RuntimeException e) {
      return problem(ProblemMapping.toProblem(e, request.path()), limitHeaders);
    } finally {
      // The servlet thread serves another tenant next.
      MDC.remove(LogKeys.FUNCTION);
      MDC.remove(LogKeys.TENANT_ID);
      MDC.remove(LogKeys.SESSION_ID);
    }
  }

  /**
   * The session a request is about, for its log lines (structured metadata in Loki): {id} of a
   * session or wizard.
   */
  private static Optional<String> sessionIdIn(GatewayRoute route, ServerRequest request) {
    boolean sessionPath =
        route.path().startsWith("/v1/sessions/{id}") || route.path().startsWith("/v1/wizards/{id}");
    return sessionPath ? Optional.ofNullable(request.pathVariables().get("id")) : Optional.empty();
  }

  /**
   * The body, read once: its media type and declared length were checked by the {@link
   * EdgePolicyFilter}; a chunked body is cut at the limit here. Decoded strictly as UTF-8 before
   * JSON sees it.
   */
  private static Object readBody(ServerRequest request, Class<?> type) {
    byte[] bytes;
    try (InputStream in = request.servletRequest().getInputStream()) {
      bytes = in.readNBytes(EdgeLimits.MAX_BODY_BYTES + 1);
    } catch (IOException e) {
      throw new InvalidInputException("body", "could not be read completely");
    }
    if (bytes.length > EdgeLimits.MAX_BODY_BYTES) {
      throw new PayloadTooLargeException(EdgeLimits.MAX_BODY_BYTES);
    }
    String json =
        StrictUtf8.decode(bytes)
            .orElseThrow(() -> new InvalidInputException("body", "is not valid UTF-8"));
    return JsonBodies.parse(json, type);
  }

  /**
   * 405 with the allowed methods when the path exists, else 404. An error dispatch of the servlet
   * container (for example a 406 from content negotiation) keeps its own status and becomes a
   * problem like every other error.
   */
  private ServerResponse notRouted(ServerRequest request) {
    HttpServletRequest servlet = request.servletRequest();
    if (servlet.getDispatcherType() == DispatcherType.ERROR) {
      return containerError(servlet);
    }
    var path = request.requestPath().pathWithinApplication();
    List<HttpMethod> routed =
        OpenApiDocument.PATH.equals(path.value())
            ? List.of(HttpMethod.GET)
            : java.util.stream.IntStream.range(0, patterns.size())
                .filter(i -> patterns.get(i).matches(path))
                .filter(i -> !isLiteral(request) || !routes.get(i).route().path().contains("{"))
                .mapToObj(i -> routes.get(i).route().method())
                .distinct()
                .toList();
    if (routed.isEmpty()) {
      return problem(
          new Problem(HttpStatus.NOT_FOUND, "no endpoint at " + request.path(), request.path()));
    }
    List<String> allowed = new java.util.ArrayList<>();
    for (HttpMethod method : routed) {
      allowed.add(method.name());
      if (method == HttpMethod.GET) {
        allowed.add(HttpMethod.HEAD.name());
      }
    }
    allowed.add(HttpMethod.OPTIONS.name());
    String allow = String.join(", ", allowed);
    if (HttpMethod.OPTIONS.equals(request.method())) {
      return ServerResponse.noContent().header(HttpHeaders.ALLOW, allow).build();
    }
    Problem problem =
        new Problem(
            HttpStatus.METHOD_NOT_ALLOWED,
            request.method() + " is not supported here",
            request.path());
    return ServerResponse.status(problem.status())
        .header(HttpHeaders.ALLOW, allow)
        .contentType(PROBLEM_JSON)
        .body(problem.toJson());
  }

  private static ServerResponse containerError(HttpServletRequest servlet) {
    Object code = servlet.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
    HttpStatus status = code instanceof Integer value ? HttpStatus.resolve(value) : null;
    if (status == null) {
      status = HttpStatus.INTERNAL_SERVER_ERROR;
    }
    Object uri = servlet.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
    String detail =
        status == HttpStatus.NOT_ACCEPTABLE
            ? "no representation matches the Accept header"
            : status.getReasonPhrase().toLowerCase(java.util.Locale.ROOT);
    Object requestId = servlet.getAttribute(EdgePolicyFilter.REQUEST_ID_ATTRIBUTE);
    return problem(
        new Problem(
            status,
            detail,
            uri == null ? null : uri.toString(),
            requestId == null ? Map.of() : Map.of("request_id", requestId)));
  }

  private static final MediaType PROBLEM_JSON = MediaType.parseMediaType(Problem.MEDIA_TYPE);

  static ServerResponse problem(Problem problem) {
    return problem(problem, HttpHeaders.EMPTY);
  }

  private static ServerResponse problem(Problem problem, HttpHeaders headers) {
    return ServerResponse.status(problem.status())
        .headers(answer -> answer.addAll(headers))
        .contentType(PROBLEM_JSON)
        .body(problem.toJson());
  }
}
