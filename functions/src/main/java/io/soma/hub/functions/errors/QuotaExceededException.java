package io.soma.hub.functions.errors;

/**
 * The tenant is at a quota (answered 429): nothing was started. The answer names the quota and
 * where it stands.
 */
public class QuotaExceededException extends RuntimeException {

  private final String limit;
  private final int capacity;
  private final int running;

  public QuotaExceededException(String detail, String limit, int capacity, int running) {
    super(detail);
    this.limit = limit;
    this.capacity = capacity;
    this.running = running;
  }

  public String limit() {
    return limit;
  }

  public int capacity() {
    return capacity;
  }

  public int running() {
    return running;
  }
}
