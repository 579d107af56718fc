package io.soma.hub.functions.security;

import java.util.ArrayList;
import java.util.List;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;

/**
 * The claims every hub token must carry: sub, tenant_id, capabilities (an array of strings) and
 * exp.
 */
final class TokenClaimsValidator implements OAuth2TokenValidator<Jwt> {

  static final String TENANT = "tenant_id";
  static final String CAPABILITIES = "capabilities";
  private static final int MAX_ID_LENGTH = 200;

  @Override
  public OAuth2TokenValidatorResult validate(Jwt jwt) {
    List<String> problems = new ArrayList<>();
    requireText(jwt, "sub", problems);
    requireText(jwt, TENANT, problems);
    if (jwt.getExpiresAt() == null) {
      problems.add("the claim exp is required");
    }
    Object capabilities = jwt.getClaims().get(CAPABILITIES);
    if (!(capabilities instanceof List<?> list)
        || !list.stream().allMatch(String.class::isInstance)) {
      problems.add("the claim capabilities must be an array of strings");
    }
    if (problems.isEmpty()) {
      return OAuth2TokenValidatorResult.success();
    }
    return OAuth2TokenValidatorResult.failure(
        problems.stream().map(p -> new OAuth2Error("invalid_token", p, null)).toList());
  }

  private static void requireText(Jwt jwt, String claim, List<String> problems) {
    Object value = jwt.getClaims().get(claim);
    if (!(value instanceof String text) || text.isBlank()) {
      problems.add("the claim " + claim + " is required");
    } else if (text.length() > MAX_ID_LENGTH) {
      problems.add("the claim " + claim + " is longer than " + MAX_ID_LENGTH + " characters");
    }
  }
}
