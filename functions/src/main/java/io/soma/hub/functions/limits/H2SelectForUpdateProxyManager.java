package io.soma.hub.functions.limits;

import io.github.bucket4j.BucketExceptions;
import io.github.bucket4j.distributed.jdbc.CustomColumnProvider;
import io.github.bucket4j.distributed.proxy.ClientSideConfig;
import io.github.bucket4j.distributed.proxy.ExpiredEntriesCleaner;
import io.github.bucket4j.distributed.proxy.generic.select_for_update.AbstractSelectForUpdateBasedProxyManager;
import io.github.bucket4j.distributed.proxy.generic.select_for_update.LockAndGetResult;
import io.github.bucket4j.distributed.proxy.generic.select_for_update.SelectForUpdateBasedTransaction;
import io.github.bucket4j.distributed.remote.RemoteBucketState;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * Bucket4j's select-for-update buckets on the embedded H2 database (local mode). Bucket4j's own
 * PostgreSQL proxy manager, which the hub uses on PostgreSQL, creates a bucket's row with {@code
 * INSERT ... ON CONFLICT(id) DO NOTHING}, which H2 (2.4, PostgreSQL mode) does not parse: it takes
 * {@code ON CONFLICT DO NOTHING} only without a conflict target. This is that proxy manager with
 * that one statement changed, on the same table: the algorithm, the serialized state, the locking
 * ({@code SELECT ... FOR UPDATE}) and the expiry column are Bucket4j's.
 */
final class H2SelectForUpdateProxyManager extends AbstractSelectForUpdateBasedProxyManager<String>
    implements ExpiredEntriesCleaner {

  private final DataSource dataSource;
  private final CustomColumnProvider<String> expiresAt;
  private final String insert;
  private final String select;
  private final String update;
  private final String remove;
  private final String removeExpired;

  H2SelectForUpdateProxyManager(DataSource dataSource, String table, ClientSideConfig config) {
    super(config);
    this.dataSource = dataSource;
    this.expiresAt =
        CustomColumnProvider.createExpiresInColumnProvider(
            "expires_at", config.getExpirationAfterWriteStrategy().orElseThrow());
    this.insert = "INSERT INTO " + table + " (id, state) VALUES (?, NULL) ON CONFLICT DO NOTHING";
    this.select = "SELECT state FROM " + table + " WHERE id = ? FOR UPDATE";
    this.update = "UPDATE " + table + " SET state = ?, expires_at = ? WHERE id = ?";
    this.remove = "DELETE FROM " + table + " WHERE id = ?";
    this.removeExpired =
        "DELETE FROM "
            + table
            + " WHERE expires_at < ? AND id IN (SELECT id FROM "
            + table
            + " WHERE expires_at < ? LIMIT ? FOR UPDATE SKIP LOCKED)";
  }

  @Override
  public boolean isExpireAfterWriteSupported() {
    return true;
  }

  @Override
  protected SelectForUpdateBasedTransaction allocateTransaction(
      String key, Optional<Long> timeoutNanos) {
    try {
      return new Transaction(dataSource.getConnection(), key);
    } catch (SQLException e) {
      throw new BucketExceptions.BucketExecutionException(e);
    }
  }

  @Override
  public void removeProxy(String key) {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement statement = connection.prepareStatement(remove)) {
      statement.setString(1, key);
      statement.executeUpdate();
    } catch (SQLException e) {
      throw new BucketExceptions.BucketExecutionException(e);
    }
  }

  @Override
  public int removeExpired(int batchSize) {
    long now = System.currentTimeMillis();
    try (Connection connection = dataSource.getConnection();
        PreparedStatement statement = connection.prepareStatement(removeExpired)) {
      statement.setLong(1, now);
      statement.setLong(2, now);
      statement.setInt(3, batchSize);
      return statement.executeUpdate();
    } catch (SQLException e) {
      throw new BucketExceptions.BucketExecutionException(e);
    }
  }

  private final class Transaction implements SelectForUpdateBasedTransaction {

    private final Connection connection;
    private final String key;

    Transaction(Connection connection, String key) {
      this.connection = connection;
      this.key = key;
    }

    @Override
    public void begin(Optional<Long> timeoutNanos) {
      run(() -> connection.setAutoCommit(false));
    }

    @Override
    public LockAndGetResult tryLockAndGet(Optional<Long> timeoutNanos) {
      try (PreparedStatement statement = prepare(select, timeoutNanos)) {
        statement.setString(1, key);
        try (ResultSet row = statement.executeQuery()) {
          return row.next()
              ? LockAndGetResult.locked(row.getBytes(1))
              : LockAndGetResult.notLocked();
        }
      } catch (SQLException e) {
        throw new BucketExceptions.BucketExecutionException(e);
      }
    }

    @Override
    public boolean tryInsertEmptyData(Optional<Long> timeoutNanos) {
      try (PreparedStatement statement = prepare(insert, timeoutNanos)) {
        statement.setString(1, key);
        return statement.executeUpdate() > 0;
      } catch (SQLException e) {
        throw new BucketExceptions.BucketExecutionException(e);
      }
    }

    @Override
    public void update(byte[] data, RemoteBucketState state, Optional<Long> timeoutNanos) {
      try (PreparedStatement statement = prepare(update, timeoutNanos)) {
        statement.setBytes(1, data);
        expiresAt.setCustomField(key, 2, statement, state, currentTimeNanos());
        statement.setString(3, key);
        statement.executeUpdate();
      } catch (SQLException e) {
        throw new BucketExceptions.BucketExecutionException(e);
      }
    }

    @Override
    public void commit(Optional<Long> timeoutNanos) {
      run(connection::commit);
    }

    @Override
    public void rollback() {
      run(connection::rollback);
    }

    @Override
    public void release() {
      run(connection::close);
    }

    private PreparedStatement prepare(String sql, Optional<Long> timeoutNanos) throws SQLException {
      PreparedStatement statement = connection.prepareStatement(sql);
      applyTimeout(statement, timeoutNanos);
      return statement;
    }
  }

  private interface SqlAction {
    void run() throws SQLException;
  }

  private static void run(SqlAction action) {
    try {
      action.run();
    } catch (SQLException e) {
      throw new BucketExceptions.BucketExecutionException(e);
    }
  }
}
