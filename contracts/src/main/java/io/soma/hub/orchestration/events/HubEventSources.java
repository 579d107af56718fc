package io.soma.hub.orchestration.events;

/** The CloudEvents {@code source} of each hub process. */
public final class HubEventSources {

  public static final String FUNCTIONS = "/soma-hub/functions";
  public static final String WORKER = "/soma-hub/worker";

  private HubEventSources() {}
}
