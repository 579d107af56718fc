package io.soma.hub.functions.errors;

import java.util.Map;

/** The caller may not do this with this input (for example a prompt blocked by moderation). */
public class RefusedException extends RuntimeException {

  private final Map<String, Object> details;

  public RefusedException(String detail, Map<String, Object> details) {
    super(detail);
    this.details = Map.copyOf(details);
  }

  /** Extra members for the problem body. */
  public Map<String, Object> details() {
    return details;
  }
}
