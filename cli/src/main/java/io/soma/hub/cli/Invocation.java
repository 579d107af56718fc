package io.soma.hub.cli;

import java.io.PrintStream;
import java.util.Map;

/**
 * One run of one verb: its arguments, where it prints, and the environment the hub's address comes
 * from.
 */
record Invocation(
    Arguments arguments,
    OutputFormat format,
    Map<String, String> environment,
    PrintStream out,
    PrintStream err) {

  /** Made only once a verb has checked its arguments, so a usage error never asks for HUB_TOKEN. */
  HubClient hub() {
    return new HubClient(HubSettings.from(environment));
  }

  boolean json() {
    return format == OutputFormat.JSON;
  }

  /** The API's body as it came, ending with one newline. */
  void printBody(ApiResponse response) {
    out.print(response.body());
    if (!response.body().endsWith("\n")) {
      out.println();
    }
  }
}
