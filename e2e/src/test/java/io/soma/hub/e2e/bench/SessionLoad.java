package io.soma.hub.e2e.bench;

/** What every benchmark session asks: an ordinary prompt that moderation lets through. */
final class SessionLoad {

  static final String TENANT = "bench";
  static final String SUBJECT = "load";
  static final String CAPABILITY = "sessions:write";

  /** How many distinct requests a warm-up repeater cycles through. */
  static final int REPEATED_KEYS = 4;

  private SessionLoad() {}

  static String prompt(int index) {
    return "Summarise the launch plan for product " + index + " in three bullet points.";
  }
}
