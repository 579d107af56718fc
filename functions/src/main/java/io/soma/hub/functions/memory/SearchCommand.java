package io.soma.hub.functions.memory;

import io.soma.hub.functions.caller.Caller;

/** Input of the {@code searchMemory} function. */
public record SearchCommand(Caller caller, SearchBody body) {}
