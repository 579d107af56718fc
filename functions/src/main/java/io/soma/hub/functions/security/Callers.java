package io.soma.hub.functions.security;

import io.soma.hub.functions.caller.Caller;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.web.servlet.function.ServerRequest;

/** Turns the verified token of a request into the {@link Caller} the functions see. */
public final class Callers {

  private Callers() {}

  public static Caller from(ServerRequest request) {
    if (request.principal().orElse(null) instanceof JwtAuthenticationToken token) {
      return from(token.getToken());
    }
    throw new IllegalStateException("a /v1 request reached a function without a verified token");
  }

  static Caller from(Jwt jwt) {
    Set<String> capabilities = new HashSet<>();
    if (jwt.getClaims().get(TokenClaimsValidator.CAPABILITIES) instanceof List<?> list) {
      list.forEach(c -> capabilities.add((String) c));
    }
    return new Caller(
        jwt.getClaimAsString(TokenClaimsValidator.TENANT), jwt.getSubject(), capabilities);
  }
}
