package io.soma.hub.functions.limits;

import com.zaxxer.hikari.HikariDataSource;
import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.distributed.jdbc.PrimaryKeyMapper;
import io.github.bucket4j.distributed.proxy.ClientSideConfig;
import io.github.bucket4j.distributed.proxy.ExpiredEntriesCleaner;
import io.github.bucket4j.distributed.proxy.ProxyManager;
import io.github.bucket4j.postgresql.Bucket4jPostgreSQL;
import java.time.Duration;
import org.springframework.boot.jdbc.autoconfigure.JdbcConnectionDetails;

/**
 * The token buckets' table in the hub store ({@code rate_limit_buckets}, migration V4), reached
 * through a small connection pool of its own: a check waits at most {@link #CONNECTION_TIMEOUT} for
 * a connection (then the request goes through unchecked) where the hub's main pool would wait 30 s,
 * and checks and the features' queries cannot starve each other of connections. On PostgreSQL it is
 * Bucket4j's select-for-update proxy manager as shipped; on the embedded H2 database the same with
 * an insert H2 parses ({@link H2SelectForUpdateProxyManager}).
 */
public final class BucketStore implements AutoCloseable {

  static final String TABLE = "rate_limit_buckets";
  static final Duration CONNECTION_TIMEOUT = Duration.ofSeconds(1);

  /**
   * A statement that waits longer, for a lock or the network, fails the check (Bucket4j's minimum
   * is 1 s).
   */
  static final Duration STATEMENT_TIMEOUT = Duration.ofSeconds(1);

  /**
   * An idle bucket's row outlives the moment it would be full again by this, then housekeeping
   * deletes it.
   */
  static final Duration KEPT_WHEN_FULL = Duration.ofMinutes(1);

  private final HikariDataSource pool;
  private final ProxyManager<String> buckets;

  public BucketStore(JdbcConnectionDetails connection, int poolSize) {
    this.pool = pool(connection, poolSize);
    ExpirationAfterWriteStrategy expiry =
        ExpirationAfterWriteStrategy.basedOnTimeForRefillingBucketUpToMax(KEPT_WHEN_FULL);
    if (connection.getJdbcUrl().startsWith("jdbc:h2:")) {
      ClientSideConfig config =
          ClientSideConfig.getDefault()
              .withRequestTimeout(STATEMENT_TIMEOUT)
              .withExpirationAfterWriteStrategy(expiry);
      this.buckets = new H2SelectForUpdateProxyManager(pool, TABLE, config);
    } else {
      this.buckets =
          Bucket4jPostgreSQL.selectForUpdateBasedBuilder(pool)
              .primaryKeyMapper(PrimaryKeyMapper.STRING)
              .table(TABLE)
              .requestTimeout(STATEMENT_TIMEOUT)
              .expirationAfterWrite(expiry)
              .build();
    }
  }

  public ProxyManager<String> buckets() {
    return buckets;
  }

  /**
   * Deletes up to {@code batch} rows of buckets idle long enough to be full again; returns how
   * many.
   */
  int removeExpired(int batch) {
    return ((ExpiredEntriesCleaner) buckets).removeExpired(batch);
  }

  @Override
  public void close() {
    pool.close();
  }

  /**
   * Started lazily, on the first check: a store that is down at start delays no start and fails no
   * check but its own.
   */
  private static HikariDataSource pool(JdbcConnectionDetails connection, int poolSize) {
    HikariDataSource pool = new HikariDataSource();
    pool.setPoolName("hub-rate-limits");
    pool.setJdbcUrl(connection.getJdbcUrl());
    pool.setUsername(connection.getUsername());
    pool.setPassword(connection.getPassword());
    pool.setMaximumPoolSize(poolSize);
    pool.setMinimumIdle(1);
    pool.setConnectionTimeout(CONNECTION_TIMEOUT.toMillis());
    return pool;
  }
}
