package io.soma.hub.orchestration.callback;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Each tenant's callback signing secret, derived from the hub's callback key ({@code
 * HUB_CALLBACK_KEY}): nothing to store, the same in every function and worker, and one tenant's
 * secret says nothing about another's. Written as Standard Webhooks writes secrets ({@code whsec_}
 * and base64), so its libraries verify our callbacks as they are. Rotating the hub's key rotates
 * every tenant's secret.
 */
public final class CallbackSecrets {

  /** HMAC-SHA256 wants a key at least as long as its output (RFC 2104 §3). */
  public static final int MIN_KEY_BYTES = 32;

  public static final String PREFIX = "whsec_";

  private static final String CONTEXT = "soma-hub callback secret v1\0";

  private final byte[] hubKey;

  private CallbackSecrets(byte[] hubKey) {
    this.hubKey = hubKey;
  }

  /**
   * From the configured key; null or blank means callbacks are off, and a short key is a
   * configuration error.
   */
  public static CallbackSecrets fromKey(String configured) {
    if (configured == null || configured.isBlank()) {
      return null;
    }
    byte[] key = configured.getBytes(StandardCharsets.UTF_8);
    if (key.length < MIN_KEY_BYTES) {
      throw new IllegalStateException(
          "HUB_CALLBACK_KEY has "
              + key.length
              + " bytes; callbacks' HMAC-SHA256 needs at least "
              + MIN_KEY_BYTES);
    }
    return new CallbackSecrets(key);
  }

  /** The tenant's secret, {@code whsec_} + base64 of 32 bytes. */
  public String forTenant(String tenant) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(hubKey, "HmacSHA256"));
      byte[] secret = mac.doFinal((CONTEXT + tenant).getBytes(StandardCharsets.UTF_8));
      return PREFIX + Base64.getEncoder().encodeToString(secret);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
    }
  }
}
