package io.soma.hub.functions.sessions;

import io.soma.hub.functions.caller.Caller;

/** Input of {@code callbackSecret}: the caller, whose tenant's secret it is. */
public record CallbackSecretQuery(Caller caller) {}
