package io.soma.hub.functions.sessions;

/** When engaged ({@code HUB_KILL_SWITCH=true}), no new session is started. */
public record KillSwitch(boolean engaged) {}
