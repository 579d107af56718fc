package io.soma.hub.store.migration;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.resource.LoadableResource;
import org.flywaydb.core.internal.resolver.ChecksumCalculator;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/**
 * This build's versioned migrations as Flyway names and checksums them ({@code
 * V<version>__<words>.sql} under {@link #LOCATION}), read without configuring Flyway: the checksum
 * is Flyway's own calculator, so the figures are the ones Flyway writes into {@code
 * flyway_schema_history}.
 */
final class BuildMigrations {

  /** Where the hub store's migrations live, for Flyway and for this check alike. */
  static final String LOCATION = "classpath:db/migration";

  record Migration(MigrationVersion version, String description, int checksum) {}

  private BuildMigrations() {}

  static List<Migration> of(ClassLoader classLoader) {
    try {
      Resource[] scripts =
          new PathMatchingResourcePatternResolver(classLoader)
              .getResources(LOCATION.replace("classpath:", "classpath*:") + "/V*__*.sql");
      List<Migration> migrations = new ArrayList<>(scripts.length);
      for (Resource script : scripts) {
        migrations.add(migration(script));
      }
      return migrations;
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read the hub store's migrations", e);
    }
  }

  private static Migration migration(Resource script) {
    String name = script.getFilename();
    int separator = name.indexOf("__");
    String version = name.substring(1, separator).replace('_', '.');
    String words = name.substring(separator + 2, name.length() - ".sql".length()).replace('_', ' ');
    int checksum = ChecksumCalculator.calculate(new ScriptResource(script));
    return new Migration(MigrationVersion.fromVersion(version), words, checksum);
  }

  /** A script as Flyway's checksum calculator reads it: UTF-8 text. */
  private static final class ScriptResource extends LoadableResource {
    private final Resource script;

    ScriptResource(Resource script) {
      this.script = script;
    }

    @Override
    public Reader read() {
      try {
        return new InputStreamReader(script.getInputStream(), StandardCharsets.UTF_8);
      } catch (IOException e) {
        throw new UncheckedIOException("Cannot read " + script.getFilename(), e);
      }
    }

    @Override
    public String getAbsolutePath() {
      return script.getDescription();
    }

    @Override
    public String getAbsolutePathOnDisk() {
      return script.getDescription();
    }

    @Override
    public String getFilename() {
      return script.getFilename();
    }

    @Override
    public String getRelativePath() {
      return script.getFilename();
    }
  }
}
