package io.soma.hub.functions.sessions;

/**
 * Output of {@code callbackSecret}: the secret that signs the tenant's session callbacks, and how
 * (Standard Webhooks' v1 signature: {@code webhook-id}, {@code webhook-timestamp}, {@code
 * webhook-signature} headers).
 */
public record CallbackSecretView(String secret, String scheme) {

  static final String STANDARD_WEBHOOKS_V1 = "standard-webhooks-v1";
}
