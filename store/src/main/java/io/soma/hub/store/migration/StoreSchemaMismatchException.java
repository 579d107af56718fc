package io.soma.hub.store.migration;

/**
 * The hub store's schema is not the one this build's code expects; {@link
 * SchemaAtStartFailureAnalyzer} explains.
 */
public class StoreSchemaMismatchException extends IllegalStateException {

  public StoreSchemaMismatchException(String message) {
    super(message);
  }
}
