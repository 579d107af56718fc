package io.soma.hub.functions.security;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;

/**
 * Builds the token decoder from the configured key. Each key accepts exactly its own algorithms (RFC 8725 §3.1):
 * a shared secret only HS256, a JWKS only RS256 and ES256, so a token signed with the "wrong" family, or with
 * {@code alg: none}, never verifies.
 */
public final class JwtDecoders {

  static final int MIN_SECRET_BYTES = 32;

  private JwtDecoders() {}

  public static JwtDecoder fromSettings(AuthSettings settings) {
    NimbusJwtDecoder decoder;
    if (settings.jwksUrl() != null) {
      decoder =
          NimbusJwtDecoder.withJwkSetUri(settings.jwksUrl())
              .jwsAlgorithms(algorithms -> {
                algorithms.clear();
                algorithms.add(SignatureAlgorithm.RS256);
                algorithms.add(SignatureAlgorithm.ES256);
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
    return decoder;
  }

  private static OAuth2TokenValidator<Jwt> validator(AuthSettings settings) {
    List<OAuth2TokenValidator<Jwt>> validators = new ArrayList<>();
    validators.add(new JwtTimestampValidator());
    validators.add(new TokenClaimsValidator());
    if (settings.issuer() != null) {
      validators.add(new JwtIssuerValidator(settings.issuer()));
    }
    if (settings.audience() != null) {
      validators.add(
          new JwtClaimValidator<List<String>>("aud", aud -> aud != null && aud.contains(settings.audience())));
    }
    return new DelegatingOAuth2TokenValidator<>(validators);
  }
}
