package io.soma.hub.store;

/**
 * Where the hub store lives. The embedded file database is for one machine ({@code ./hub up}); in a
 * cluster it would be a separate, silently lost database per pod, so outside local mode it is
 * refused.
 */
public record StoreLocation(String jdbcUrl, boolean localMode) {

  public StoreLocation {
    if (!localMode && jdbcUrl != null && jdbcUrl.startsWith("jdbc:h2:file:")) {
      throw new IllegalStateException(
          "The hub store is the embedded file database, which is only for local mode: set HUB_DB_URL (and"
              + " HUB_DB_USER, HUB_DB_PASSWORD) to PostgreSQL, or HUB_LOCAL_MODE=true on a single machine.");
    }
  }
}
