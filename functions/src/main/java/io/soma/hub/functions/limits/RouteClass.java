package io.soma.hub.functions.limits;

import org.springframework.http.HttpMethod;

/**
 * What a route does, for the tenant's rate limits: each class has a bucket of its own per tenant.
 * Session starts are a class apart because each one starts a workflow, the most expensive thing a
 * request can do.
 */
public enum RouteClass {
  READS("reads"),
  WRITES("writes"),
  SESSIONS("sessions");

  private final String label;

  RouteClass(String label) {
    this.label = label;
  }

  /**
   * The class a route has unless it says otherwise: GET (and so HEAD) reads, everything else
   * writes.
   */
  public static RouteClass of(HttpMethod method) {
    return HttpMethod.GET.equals(method) ? READS : WRITES;
  }

  /** The name in settings, problems and metrics. */
  public String label() {
    return label;
  }
}
