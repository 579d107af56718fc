package io.soma.hub.functions.sessions;

import io.soma.hub.functions.caller.Caller;

/** Input of the {@code getSession} and {@code cancelSession} functions. */
public record SessionLookup(Caller caller, String sessionId) {}
