package io.soma.hub.orchestration;

/** Task queue names shared by the code that starts workflows and the worker that runs them. */
public final class TaskQueues {

  /** The orchestrator's queue; its name is part of the product contract (SPEC, Orchestrator). */
  public static final String SESSIONS = "somagent.session.workflows";

  private TaskQueues() {}
}
