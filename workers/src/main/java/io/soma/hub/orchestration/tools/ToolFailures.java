package io.soma.hub.orchestration.tools;

/**
 * Application failure types of tool calls; the non-retryable ones are listed in the campaign's
 * activity options.
 */
public final class ToolFailures {

  /** The tool answered 5xx, 408 or 429, or could not be reached in time: retried. */
  public static final String UNAVAILABLE = "ToolUnavailable";

  /**
   * The tool refused the request (any other 4xx, or a redirect): sending it again cannot succeed.
   */
  public static final String REJECTED = "ToolRejected";

  /** The worker's tool configuration cannot work (e.g. a GitHub API URL without an owner). */
  public static final String MISCONFIGURED = "ToolMisconfigured";

  private ToolFailures() {}
}
