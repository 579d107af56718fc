package io.soma.hub.functions.memory;

import io.soma.hub.functions.caller.Caller;

/** Input of the {@code rememberMemory} function. */
public record RememberCommand(Caller caller, RememberBody body) {}
