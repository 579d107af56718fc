package io.soma.hub.cli;

import java.io.PrintStream;

/**
 * A one-line progress indicator on stderr while {@code show --wait} polls or {@code watch} waits
 * for the model. Only on a terminal: redirected to a file or a pipe, carriage returns would only be
 * noise. The JVM cannot tell whether stderr alone is a terminal, so the {@code hub} wrapper says so
 * in {@value #TERMINAL_VARIABLE} ({@code [ -t 2 ]}); run without it, it stays quiet.
 */
final class Spinner {

  static final String TERMINAL_VARIABLE = "HUB_STDERR_IS_TERMINAL";
  private static final String FRAMES = "|/-\\";
  private static final String CLEAR_LINE = "\r\033[K";

  private final PrintStream err;
  private final boolean enabled;
  private int frame;
  private boolean shown;

  Spinner(PrintStream err, boolean enabled) {
    this.err = err;
    this.enabled = enabled;
  }

  static Spinner on(Invocation call) {
    return new Spinner(call.err(), "1".equals(call.environment().get(TERMINAL_VARIABLE)));
  }

  void show(String text) {
    if (enabled) {
      err.print(CLEAR_LINE + FRAMES.charAt(frame++ % FRAMES.length()) + " " + text);
      err.flush();
      shown = true;
    }
  }

  void clear() {
    if (shown) {
      err.print(CLEAR_LINE);
      err.flush();
      shown = false;
    }
  }
}
