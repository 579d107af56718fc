package io.soma.hub.orchestration.tools;

import java.util.Optional;

/** Turns a tool call into the HTTP request of one third-party API. */
public interface ToolAdapter {

  /**
   * The request to send, or the request that would be sent (with a null URI) when the adapter has
   * no URL.
   */
  HttpPost requestFor(ToolCall call);

  /** Empty when the adapter has no URL configured: it then runs in dry-run mode. */
  Optional<String> configuredUrl();
}
