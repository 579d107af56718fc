package io.soma.hub.functions.security;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;

/**
 * Builds the token decoder from the configured key. Each key accepts exactly its own algorithms
 * (RFC 8725 §3.1): a shared secret only HS256, a JWKS only its asymmetric {@code jws-algorithms}
 * (RS256 and ES256 unless set), so a token signed with the "wrong" family, or with {@code alg:
 * none}, never verifies.
 */
public final class JwtDecoders {

  private JwtDecoders() {}

  public static JwtDecoder fromSettings(AuthSettings settings, JwksSettings jwks) {
    NimbusJwtDecoder decoder;
    if (settings.jwksUrl() != null) {
      decoder =
          NimbusJwtDecoder.withJwkSource(JwksSource.of(settings.jwksUrl(), jwks))
              .jwsAlgorithms(
                  algorithms -> {
                    algorithms.clear();
                    algorithms.addAll(settings.jwsAlgorithms());
                  })
              .build();
    } else {
      byte[] secret = settings.secret().getBytes(StandardCharsets.UTF_8);
      decoder =
          NimbusJwtDecoder.withSecretKey(new SecretKeySpec(secret, "HmacSHA256"))
              .macAlgorithm(MacAlgorithm.HS256)
              .build();
    }
    decoder.setJwtValidator(validator(settings));
    return new KeyFailuresAreInvalidTokens(decoder);
  }

  private static OAuth2TokenValidator<Jwt> validator(AuthSettings settings) {
    List<OAuth2TokenValidator<Jwt>> validators = new ArrayList<>();
    validators.add(new JwtTimestampValidator());
    validators.add(new TokenClaimsValidator());
    if (settings.issuer() != null) {
      validators.add(new JwtIssuerValidator(settings.issuer()));
    }
    if (!settings.audiences().isEmpty()) {
      validators.add(
          new JwtClaimValidator<List<String>>(
              JwtClaimNames.AUD,
              aud -> aud != null && !Collections.disjoint(aud, settings.audiences())));
    }
    return new DelegatingOAuth2TokenValidator<>(validators);
  }
}
