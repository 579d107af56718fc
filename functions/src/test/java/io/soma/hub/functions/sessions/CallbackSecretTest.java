package io.soma.hub.functions.sessions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.soma.hub.functions.caller.Caller;
import io.soma.hub.functions.caller.Capabilities;
import io.soma.hub.functions.errors.NotFoundException;
import io.soma.hub.orchestration.callback.CallbackSecrets;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CallbackSecretTest {

  private static final String KEY = "a-test-callback-key-that-is-at-least-32-bytes";

  @Test
  void eachTenantReadsItsOwnSecret() {
    CallbackSecret function = new CallbackSecret(CallbackSecrets.fromKey(KEY));

    CallbackSecretView acme = function.apply(query("acme"));

    assertThat(acme.secret())
        .isEqualTo(CallbackSecrets.fromKey(KEY).forTenant("acme"))
        .startsWith("whsec_");
    assertThat(acme.scheme()).isEqualTo("standard-webhooks-v1");
    assertThat(function.apply(query("globex")).secret()).isNotEqualTo(acme.secret());
  }

  @Test
  void aHubWithoutCallbackKeyHasNoSecret() {
    assertThatThrownBy(() -> new CallbackSecret(null).apply(query("acme")))
        .isInstanceOf(NotFoundException.class)
        .hasMessageContaining("HUB_CALLBACK_KEY");
  }

  private static CallbackSecretQuery query(String tenant) {
    return new CallbackSecretQuery(new Caller(tenant, "ann", Set.of(Capabilities.SESSIONS_WRITE)));
  }
}
