package io.soma.hub.store;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient.StatementSpec;

/**
 * An insert keyed by a natural id, where a duplicate means "already recorded". Portable across
 * PostgreSQL and H2 (which has no ON CONFLICT) and safe under concurrent writers: the primary key
 * decides.
 */
final class InsertOnce {

  private InsertOnce() {}

  /**
   * Returns true when the row was inserted, false when a row with the same key was already there.
   */
  static boolean insert(StatementSpec insert) {
    try {
      return insert.update() == 1;
    } catch (DuplicateKeyException alreadyRecorded) {
      return false;
    }
  }
}
