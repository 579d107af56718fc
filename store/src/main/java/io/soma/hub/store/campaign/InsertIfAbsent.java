package io.soma.hub.store.campaign;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient.StatementSpec;

/**
 * An insert keyed by a natural id; the primary key decides between concurrent writers, on H2 and
 * PostgreSQL.
 */
final class InsertIfAbsent {

  private InsertIfAbsent() {}

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
