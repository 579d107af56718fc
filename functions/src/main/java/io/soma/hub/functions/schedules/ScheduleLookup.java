package io.soma.hub.functions.schedules;

import io.soma.hub.functions.caller.Caller;

/**
 * Input of the functions on one schedule (get, pause, unpause, delete): the caller and the
 * schedule's id.
 */
public record ScheduleLookup(Caller caller, String scheduleId) {}
