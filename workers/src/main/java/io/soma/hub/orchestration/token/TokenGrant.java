package io.soma.hub.orchestration.token;

import java.util.List;

/**
 * Everything a session's scoped token says, without the token itself. This is what goes into
 * workflow history and audit events; {@link ScopedTokens#tokenFor} turns it back into the signed
 * token where one is needed. Times are epoch seconds.
 */
public record TokenGrant(
    String tokenId,
    String sessionId,
    String subject,
    String tenant,
    List<String> scopes,
    long issuedAt,
    long expiresAt,
    String issuer,
    String audience) {

  public TokenGrant {
    scopes = scopes == null ? List.of() : List.copyOf(scopes);
  }
}
