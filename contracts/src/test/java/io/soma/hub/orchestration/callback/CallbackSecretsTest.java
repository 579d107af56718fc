package io.soma.hub.orchestration.callback;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Base64;
import org.junit.jupiter.api.Test;

class CallbackSecretsTest {

  private static final String KEY = "a-test-callback-key-that-is-at-least-32-bytes";

  @Test
  void eachTenantHasItsOwnStableSecretInStandardWebhooksForm() {
    CallbackSecrets secrets = CallbackSecrets.fromKey(KEY);

    String acme = secrets.forTenant("acme");

    assertThat(acme).startsWith("whsec_");
    assertThat(Base64.getDecoder().decode(acme.substring("whsec_".length()))).hasSize(32);
    assertThat(CallbackSecrets.fromKey(KEY).forTenant("acme"))
        .as("the same in every process")
        .isEqualTo(acme);
    assertThat(secrets.forTenant("globex")).isNotEqualTo(acme);
    assertThat(CallbackSecrets.fromKey(KEY + "2").forTenant("acme"))
        .as("a new key rotates it")
        .isNotEqualTo(acme);
  }

  @Test
  void noKeyMeansNoCallbacksAndAShortKeyIsAnError() {
    assertThat(CallbackSecrets.fromKey(null)).isNull();
    assertThat(CallbackSecrets.fromKey(" ")).isNull();
    assertThatThrownBy(() -> CallbackSecrets.fromKey("short")).hasMessageContaining("at least 32");
  }
}
