package io.soma.hub.functions.memory;

import io.soma.hub.functions.caller.Caller;

/** Input of the {@code recallMemory} function. */
public record RecallLookup(Caller caller, String key) {}
