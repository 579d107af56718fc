package io.soma.hub.functions.http;

import java.util.function.Function;
import org.springframework.http.HttpMethod;

/**
 * Binds one SPEC endpoint to one function of the catalog: the HTTP method and path, the capability it needs, the
 * body type it accepts, how the function's input is built and how its output is answered. Features declare their
 * routes as beans; the {@link RouteDispatcher} serves the ones whose function is enabled.
 *
 * @param capability the capability the caller needs, or null when any valid token will do
 * @param bodyType the JSON body type, or null when the endpoint takes no body
 */
public record GatewayRoute(
    HttpMethod method,
    String path,
    String function,
    String capability,
    Class<?> bodyType,
    Function<RouteRequest, ?> input,
    Function<Object, Reply> reply) {

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
        method, path, function, capability, bodyType, input, output -> reply.apply(outputType.cast(output)));
  }
}
