package io.soma.hub.functions.security;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.springframework.boot.security.oauth2.server.resource.autoconfigure.OAuth2ResourceServerProperties;
import org.springframework.core.env.Environment;

/**
 * HUB_JWT_JWKS_URL, HUB_JWT_ISSUER and HUB_JWT_AUDIENCE are the defaults of Spring Boot's standard
 * properties {@code spring.security.oauth2.resourceserver.jwt.jwk-set-uri}, {@code issuer-uri} and
 * {@code audiences} (application.yaml), so either name sets the value. A standard property set
 * elsewhere would silently win over its alias; when both are set and disagree nobody can tell which
 * was meant, so the functions refuse to start.
 */
final class HubJwtAliases {

  private static final String STANDARD = "spring.security.oauth2.resourceserver.jwt.";

  private HubJwtAliases() {}

  static void requireAgreement(Environment environment, OAuth2ResourceServerProperties.Jwt jwt) {
    agree(environment, "HUB_JWT_JWKS_URL", "jwk-set-uri", single(jwt.getJwkSetUri()));
    agree(environment, "HUB_JWT_ISSUER", "issuer-uri", single(jwt.getIssuerUri()));
    agree(environment, "HUB_JWT_AUDIENCE", "audiences", cleaned(jwt.getAudiences()));
  }

  private static void agree(
      Environment environment, String alias, String property, List<String> standard) {
    String raw = environment.getProperty(alias, "");
    if (raw.isBlank()) {
      return;
    }
    List<String> aliased = cleaned(Arrays.asList(raw.split(",")));
    if (!Objects.equals(aliased, standard)) {
      throw new IllegalStateException(
          alias
              + " is "
              + String.join(",", aliased)
              + " but "
              + STANDARD
              + property
              + " is "
              + String.join(",", standard)
              + ": set one of the two.");
    }
  }

  private static List<String> single(String value) {
    return value == null ? List.of() : cleaned(List.of(value));
  }

  private static List<String> cleaned(List<String> values) {
    return values == null
        ? List.of()
        : values.stream().map(String::trim).filter(v -> !v.isEmpty()).toList();
  }
}
