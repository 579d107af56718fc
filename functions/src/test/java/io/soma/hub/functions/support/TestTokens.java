package io.soma.hub.functions.support;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;

/** Signs test tokens the way a real issuer would (HS256 here; RS/ES through {@link #sign}). */
public final class TestTokens {

  public static final String SECRET = "test-secret-for-the-hub-at-least-32-bytes-long";

  private TestTokens() {}

  public static JWTClaimsSet.Builder claims(String tenant, String subject, String... capabilities) {
    return new JWTClaimsSet.Builder()
        .subject(subject)
        .claim("tenant_id", tenant)
        .claim("capabilities", List.of(capabilities))
        .issueTime(new Date())
        .expirationTime(Date.from(Instant.now().plus(Duration.ofMinutes(10))));
  }

  public static String hs256(String tenant, String subject, String... capabilities) {
    return hs256(claims(tenant, subject, capabilities).build(), SECRET);
  }

  public static String hs256(JWTClaimsSet claims, String secret) {
    try {
      return sign(
          claims, JWSAlgorithm.HS256, new MACSigner(secret.getBytes(StandardCharsets.UTF_8)));
    } catch (com.nimbusds.jose.KeyLengthException e) {
      throw new IllegalArgumentException(e);
    }
  }

  public static String sign(JWTClaimsSet claims, JWSAlgorithm algorithm, JWSSigner signer) {
    return sign(claims, new JWSHeader.Builder(algorithm).type(JOSEObjectType.JWT).build(), signer);
  }

  public static String sign(JWTClaimsSet claims, JWSHeader header, JWSSigner signer) {
    try {
      SignedJWT jwt = new SignedJWT(header, claims);
      jwt.sign(signer);
      return jwt.serialize();
    } catch (com.nimbusds.jose.JOSEException e) {
      throw new IllegalStateException(e);
    }
  }

  /** An unsigned token ({@code alg: none}), which must never be accepted. */
  public static String unsigned(JWTClaimsSet claims) {
    Base64.Encoder url = Base64.getUrlEncoder().withoutPadding();
    String header =
        url.encodeToString("{\"alg\":\"none\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));
    String payload = url.encodeToString(claims.toString().getBytes(StandardCharsets.UTF_8));
    return header + "." + payload + ".";
  }

  public static Map<String, Object> without(JWTClaimsSet claims, String claim) {
    Map<String, Object> copy = new java.util.HashMap<>(claims.toJSONObject());
    copy.remove(claim);
    return copy;
  }
}
