package io.soma.hub.functions.sessions;

import io.soma.hub.functions.errors.NotFoundException;
import io.soma.hub.orchestration.callback.CallbackSecrets;
import java.util.function.Function;

/**
 * {@code callbackSecret}: the caller's tenant's callback signing secret, to verify the hub's
 * callbacks with.
 */
public class CallbackSecret implements Function<CallbackSecretQuery, CallbackSecretView> {

  private final CallbackSecrets secrets;

  /**
   * @param secrets null when the hub has no callback key
   */
  public CallbackSecret(CallbackSecrets secrets) {
    this.secrets = secrets;
  }

  @Override
  public CallbackSecretView apply(CallbackSecretQuery query) {
    if (secrets == null) {
      throw new NotFoundException(
          "this hub sends no callbacks: it has no callback key (HUB_CALLBACK_KEY)");
    }
    return new CallbackSecretView(
        secrets.forTenant(query.caller().tenant()), CallbackSecretView.STANDARD_WEBHOOKS_V1);
  }
}
