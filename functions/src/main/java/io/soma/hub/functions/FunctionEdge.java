package io.soma.hub.functions;

import io.soma.hub.functions.http.HttpEdgeConfiguration;
import io.soma.hub.functions.http.ProblemErrorPages;
import io.soma.hub.functions.limits.RateLimitConfiguration;
import io.soma.hub.functions.security.SecurityConfiguration;
import io.soma.hub.functions.startup.AotTrainingConfiguration;
import org.springframework.context.annotation.Import;

/**
 * What every function's application holds whatever its feature: the HTTP edge (routes, problem
 * details, limits) and the token check. Not a component, so the gateway's component scan does not
 * pick it up twice.
 */
@Import({
  HttpEdgeConfiguration.class,
  ProblemErrorPages.class,
  RateLimitConfiguration.class,
  SecurityConfiguration.class,
  AotTrainingConfiguration.class
})
public class FunctionEdge {}
