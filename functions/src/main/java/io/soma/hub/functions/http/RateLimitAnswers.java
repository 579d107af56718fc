package io.soma.hub.functions.http;

import io.soma.hub.functions.limits.RateDecision;
import java.util.Map;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;

/**
 * How a rate limit decision shows in an answer: {@code RateLimit-Limit}, {@code
 * RateLimit-Remaining} and {@code RateLimit-Reset} (the IETF RateLimit header fields draft, in
 * whole seconds) on every answer of a checked request, {@code Retry-After} and a problem naming the
 * limit on a refused one.
 */
final class RateLimitAnswers {

  private RateLimitAnswers() {}

  static HttpHeaders headers(RateDecision decision) {
    HttpHeaders headers = new HttpHeaders();
    if (decision.checked()) {
      headers.set("RateLimit-Limit", Long.toString(decision.limit().capacity()));
      headers.set("RateLimit-Remaining", Long.toString(decision.remaining()));
      headers.set("RateLimit-Reset", Long.toString(decision.resetSeconds()));
      if (!decision.allowed()) {
        headers.set(HttpHeaders.RETRY_AFTER, Long.toString(decision.retryAfterSeconds()));
      }
    }
    return headers;
  }

  static Problem refused(RateDecision decision, String instance) {
    String limit = decision.routeClass().label();
    return new Problem(
        HttpStatus.TOO_MANY_REQUESTS,
        "the tenant's rate limit for "
            + limit
            + " ("
            + decision.limit()
            + ") is used up; retry after "
            + decision.retryAfterSeconds()
            + " s",
        instance,
        Map.of(
            "limit", limit,
            "capacity", decision.limit().capacity(),
            "period", decision.limit().periodText(),
            "retry_after_seconds", decision.retryAfterSeconds()));
  }
}
