package io.soma.hub.functions.status;

import io.soma.hub.functions.caller.Caller;

/** Input of the {@code status} function. */
public record StatusQuery(Caller caller) {}
