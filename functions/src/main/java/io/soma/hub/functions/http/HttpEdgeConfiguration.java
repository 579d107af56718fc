package io.soma.hub.functions.http;

import io.micrometer.core.instrument.MeterRegistry;
import io.soma.hub.functions.caller.Caller;
import io.soma.hub.functions.limits.TenantRateLimiter;
import io.soma.hub.functions.security.Callers;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.cloud.function.context.FunctionCatalog;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.web.servlet.function.RouterFunction;
import org.springframework.web.servlet.function.ServerResponse;

/**
 * Serves the routes whose function is enabled: all of them locally (no definition set), or only
 * those named in {@code spring.cloud.function.definition} (semicolon separated), which is how each
 * Knative Service runs exactly one function from the same image.
 */
@Configuration(proxyBeanMethods = false)
public class HttpEdgeConfiguration {

  private static final Logger log = LoggerFactory.getLogger(HttpEdgeConfiguration.class);

  @Bean
  RouterFunction<ServerResponse> gatewayRouterFunction(
      List<GatewayRoute> routes,
      FunctionCatalog catalog,
      TenantRateLimiter limiter,
      EventStreams eventStreams,
      @Value("${spring.cloud.function.definition:}") String definition) {
    List<RouteDispatcher.BoundRoute> bound =
        served(routes, definition).stream()
            .map(route -> new RouteDispatcher.BoundRoute(route, resolve(catalog, route.function())))
            .toList();
    if (bound.isEmpty()) {
      throw new IllegalStateException(
          "spring.cloud.function.definition '" + definition + "' names no gateway function");
    }
    bound.forEach(
        b ->
            log.info(
                "Serving {} {} -> {}", b.route().method(), b.route().path(), b.route().function()));
    Function<org.springframework.web.servlet.function.ServerRequest, Caller> callers =
        Callers::from;
    return new RouteDispatcher(
            bound, callers, limiter, OpenApiDocument.onFirstRequest(), eventStreams)
        .routerFunction();
  }

  /**
   * The server-sent event responses of this instance. A response ends after HUB_EVENT_STREAM_MAX
   * (the client reconnects with Last-Event-ID), which must stay below the request timeout of the
   * proxy in front: the functions' Knative revision timeoutSeconds (75 s), and
   * spring.mvc.async.request-timeout here.
   */
  @Bean
  EventStreams eventStreams(
      @Value("${HUB_EVENT_STREAM_POLL:250ms}") Duration pollEvery,
      @Value("${HUB_EVENT_STREAM_HEARTBEAT:15s}") Duration heartbeatAfter,
      @Value("${HUB_EVENT_STREAM_MAX:60s}") Duration maxDuration,
      @Value("${HUB_EVENT_STREAMS_PER_INSTANCE:500}") int maxOpen,
      MeterRegistry registry) {
    return new EventStreams(pollEvery, heartbeatAfter, maxDuration, maxOpen, registry);
  }

  /**
   * The routes an instance serves: all without a definition, else those of the functions it names.
   */
  public static List<GatewayRoute> served(List<GatewayRoute> routes, String definition) {
    Set<String> enabled =
        Arrays.stream(definition.split(";"))
            .map(String::trim)
            .filter(s -> !s.isEmpty())
            .collect(Collectors.toSet());
    return routes.stream()
        .filter(route -> enabled.isEmpty() || enabled.contains(route.function()))
        .toList();
  }

  /**
   * The edge policy runs after the HTTP observation (so refused requests are measured too) and
   * before Spring Security (so no library reads a request the edge would refuse).
   */
  @Bean
  FilterRegistrationBean<EdgePolicyFilter> edgePolicyFilter(MeterRegistry registry) {
    FilterRegistrationBean<EdgePolicyFilter> registration =
        new FilterRegistrationBean<>(new EdgePolicyFilter(registry));
    registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 2);
    return registration;
  }

  private static Function<Object, Object> resolve(FunctionCatalog catalog, String name) {
    Function<Object, Object> function = catalog.lookup(name);
    if (function == null) {
      throw new IllegalStateException("no function named '" + name + "' in the catalog");
    }
    return function;
  }
}
