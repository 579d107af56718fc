package io.soma.hub.functions.memory;

import io.soma.hub.functions.errors.UnavailableException;
import java.util.function.Supplier;
import org.springframework.dao.DataAccessException;

/** A store that cannot be reached is a 503 the caller may retry, not a 500. */
final class StoreCalls {

  private StoreCalls() {}

  static <T> T guarded(Supplier<T> call) {
    try {
      return call.get();
    } catch (DataAccessException e) {
      throw new UnavailableException("the hub store is unavailable; retry later", e);
    }
  }
}
