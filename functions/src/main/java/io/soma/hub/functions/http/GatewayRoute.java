package io.soma.hub.functions.http;

import io.soma.hub.functions.limits.RouteClass;
import java.util.Set;
import java.util.function.Function;
import org.springframework.http.HttpMethod;

/**
 * Binds one SPEC endpoint to one function of the catalog: the HTTP method and path, the capability
 * it needs, the body type it accepts, how the function's input is built and how its output is
 * answered. Features declare their routes as beans; the {@link RouteDispatcher} serves the ones
 * whose function is enabled.
 *
 * @param capability the capability the caller needs, or null when any valid token will do
 * @param bodyType the JSON body type, or null when the endpoint takes no body
 * @param routeClass whose bucket of the tenant's rate limits a request takes a token from
 * @param query the query parameters the endpoint takes; a route with none ignores a query, one with
 *     some refuses any other ({@link QueryParameters})
 */
public record GatewayRoute(
    HttpMethod method,
    String path,
    String function,
    String capability,
    Class<?> bodyType,
    Function<RouteRequest, ?> input,
    Function<Object, Reply> reply,
    RouteClass routeClass,
    Set<String> query) {

  public GatewayRoute {
    query = Set.copyOf(query);
  }

  public static <O> GatewayRoute of(
      HttpMethod method,
      String path,
      String function,
      String capability,
      Class<?> bodyType,
      Function<RouteRequest, ?> input,
      Class<O> outputType,
      Function<O, Reply> reply) {
    return new GatewayRoute(
        method,
        path,
        function,
        capability,
        bodyType,
        input,
        output -> reply.apply(outputType.cast(output)),
        RouteClass.of(method),
        Set.of());
  }

  /** The same route, limited as {@code routeClass} instead of by its method. */
  public GatewayRoute limitedAs(RouteClass routeClass) {
    return new GatewayRoute(
        method, path, function, capability, bodyType, input, reply, routeClass, query);
  }

  /** The same route, taking these query parameters (each optional, at most once). */
  public GatewayRoute withQuery(String... names) {
    return new GatewayRoute(
        method, path, function, capability, bodyType, input, reply, routeClass, Set.of(names));
  }
}
