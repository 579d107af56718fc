package io.soma.hub.functions.schedules;

import io.soma.hub.functions.caller.Caller;

/** Input of the {@code listSchedules} function: the caller's tenant's schedules, all of them. */
public record ScheduleListing(Caller caller) {}
