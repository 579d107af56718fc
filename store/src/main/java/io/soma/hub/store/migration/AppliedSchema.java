package io.soma.hub.store.migration;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import javax.sql.DataSource;
import org.flywaydb.core.api.MigrationVersion;

/**
 * What {@code flyway_schema_history} records, and whether it is exactly what this build's
 * migrations leave. It only ever says yes where Flyway's own validation would pass; anything it
 * does not know (no history, a failed or pending migration, another checksum or description, a
 * baseline, a repeatable migration, an unknown older version) is a no, and Flyway decides.
 */
final class AppliedSchema {

  record Row(String version, String description, String type, Integer checksum, boolean success) {}

  /** Rows Flyway writes when it creates the schema or the history table: no migration. */
  private static final Set<String> MARKERS = Set.of("SCHEMA", "TABLE");

  private AppliedSchema() {}

  /** The rows of the history table; empty when there is none (a new store). */
  static List<Row> read(DataSource dataSource) {
    try (Connection connection = dataSource.getConnection();
        Statement statement = connection.createStatement();
        ResultSet rows =
            statement.executeQuery(
                "SELECT version, description, type, checksum, success FROM flyway_schema_history")) {
      List<Row> history = new ArrayList<>();
      while (rows.next()) {
        int checksum = rows.getInt(4);
        history.add(
            new Row(
                rows.getString(1),
                rows.getString(2),
                rows.getString(3),
                rows.wasNull() ? null : checksum,
                rows.getBoolean(5)));
      }
      return history;
    } catch (SQLException unreadable) {
      // No history table (a new store) or no store: Flyway decides, and says which.
      return List.of();
    }
  }

  /**
   * The schema's version when {@code history} records every one of {@code built} as applied, the
   * same script, and nothing else but migrations newer than all of them (the next release's, which
   * Flyway accepts too); empty otherwise.
   */
  static Optional<MigrationVersion> matching(
      List<Row> history, List<BuildMigrations.Migration> built) {
    Map<MigrationVersion, BuildMigrations.Migration> byVersion = new HashMap<>();
    built.forEach(migration -> byVersion.put(migration.version(), migration));
    MigrationVersion newestBuilt =
        built.stream()
            .map(BuildMigrations.Migration::version)
            .max(MigrationVersion::compareTo)
            .orElse(null);
    Set<MigrationVersion> applied = new HashSet<>();
    MigrationVersion current = null;
    for (Row row : history) {
      if (MARKERS.contains(row.type()) && row.success()) {
        continue;
      }
      if (!row.success() || row.version() == null || !"SQL".equals(row.type())) {
        return Optional.empty();
      }
      MigrationVersion version = MigrationVersion.fromVersion(row.version());
      BuildMigrations.Migration migration = byVersion.get(version);
      boolean future =
          migration == null && newestBuilt != null && version.compareTo(newestBuilt) > 0;
      if (!future
          && (migration == null
              || !Objects.equals(row.checksum(), migration.checksum())
              || !migration.description().equals(row.description())
              || !applied.add(version))) {
        return Optional.empty();
      }
      if (current == null || version.compareTo(current) > 0) {
        current = version;
      }
    }
    return applied.size() == built.size() && !built.isEmpty()
        ? Optional.of(current)
        : Optional.empty();
  }
}
