package io.soma.hub.functions.http;

import java.util.Arrays;
import java.util.List;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.type.filter.AnnotationTypeFilter;
import org.springframework.util.ClassUtils;

/**
 * Every {@link GatewayRoute} the functions declare, as the beans themselves: each configuration
 * class of the functions that has a route bean method is found on the classpath, so a new feature's
 * routes cannot be missed.
 */
public final class DeclaredRoutes {

  private DeclaredRoutes() {}

  public static List<GatewayRoute> all() {
    ClassPathScanningCandidateComponentProvider scanner =
        new ClassPathScanningCandidateComponentProvider(false);
    scanner.addIncludeFilter(new AnnotationTypeFilter(Configuration.class));
    Class<?>[] routeConfigurations =
        scanner.findCandidateComponents("io.soma.hub.functions").stream()
            .map(candidate -> ClassUtils.resolveClassName(candidate.getBeanClassName(), null))
            .filter(
                type ->
                    Arrays.stream(type.getDeclaredMethods())
                        .anyMatch(m -> m.getReturnType() == GatewayRoute.class))
            .toArray(Class<?>[]::new);
    try (var context = new AnnotationConfigApplicationContext(routeConfigurations)) {
      return List.copyOf(context.getBeansOfType(GatewayRoute.class).values());
    }
  }
}
