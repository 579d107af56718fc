package io.soma.hub.functions.errors;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** The request is valid but the resource is not in a state that allows it (answered 409). */
public class ConflictException extends RuntimeException {

  private final Map<String, Object> details;

  public ConflictException(String detail) {
    this(detail, Map.of());
  }

  /**
   * @param details extra members for the problem body: what the state is that refused the request
   */
  public ConflictException(String detail, Map<String, Object> details) {
    super(detail);
    this.details = Collections.unmodifiableMap(new LinkedHashMap<>(details));
  }

  public Map<String, Object> details() {
    return details;
  }
}
