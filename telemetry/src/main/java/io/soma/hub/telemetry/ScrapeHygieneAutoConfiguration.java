package io.soma.hub.telemetry;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.config.MeterFilter;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.context.annotation.Bean;
import org.springframework.core.annotation.Order;

/**
 * Keeps {@code /metrics} clean for {@code promtool check metrics} in every hub process: every
 * family gets help text (the Temporal SDK, Tomcat, Spring Security and Spring's HTTP timers
 * register meters without a description), names are snake_case (Spring Security names its
 * filter-chain event counters after filter classes), gauges do not end in {@code _count} (reserved
 * for histograms and summaries), and the two JVM meters whose names carry an abbreviated, non-base
 * unit are left out. Renames run before the description is derived, so help text follows the final
 * name.
 */
@AutoConfiguration
@ConditionalOnClass(MeterFilter.class)
public class ScrapeHygieneAutoConfiguration {

  /** {@code jvm_compilation_time_ms_total} and {@code process_cpu_time_ns_total}. */
  static final Set<String> ABBREVIATED_UNIT_METERS =
      Set.of("jvm.compilation.time", "process.cpu.time");

  static final Map<String, String> COUNT_GAUGE_NAMES =
      Map.of(
          "system.cpu.count", "system.cpu.processors",
          "temporal_workflow_active_thread_count", "temporal_workflow_active_threads");

  private static final Pattern CAMEL_CASE_BOUNDARY = Pattern.compile("([a-z0-9])([A-Z])");

  @Bean
  @Order(0)
  MeterFilter denyMetersWithAbbreviatedUnits() {
    return MeterFilter.deny(id -> ABBREVIATED_UNIT_METERS.contains(id.getName()));
  }

  @Bean
  @Order(1)
  MeterFilter snakeCaseMeterNames() {
    return new MeterFilter() {
      @Override
      public Meter.Id map(Meter.Id id) {
        String name = snakeCase(id.getName());
        return name.equals(id.getName()) ? id : id.withName(name);
      }
    };
  }

  @Bean
  @Order(2)
  MeterFilter renameGaugesEndingInCount() {
    return new MeterFilter() {
      @Override
      public Meter.Id map(Meter.Id id) {
        String name = COUNT_GAUGE_NAMES.get(id.getName());
        return name == null ? id : id.withName(name);
      }
    };
  }

  @Bean
  @Order(3)
  MeterFilter describeUndescribedMeters() {
    return new MeterFilter() {
      @Override
      public Meter.Id map(Meter.Id id) {
        if (hasText(id.getDescription()) || id.syntheticAssociation() != null) {
          return id;
        }
        return new Meter.Id(
            id.getName(),
            Tags.of(id.getTags()),
            id.getBaseUnit(),
            describe(id.getName()),
            id.getType());
      }
    };
  }

  /**
   * {@code spring.security.filterchains.AuthenticationFilter.after} to {@code
   * ...authentication_filter.after}.
   */
  static String snakeCase(String meterName) {
    if (meterName.chars().noneMatch(Character::isUpperCase)) {
      return meterName;
    }
    return CAMEL_CASE_BOUNDARY.matcher(meterName).replaceAll("$1_$2").toLowerCase(Locale.ROOT);
  }

  static String describe(String meterName) {
    if (meterName.startsWith("temporal")) {
      return "Temporal Java SDK metric "
          + meterName
          + ", see docs.temporal.io/references/sdk-metrics";
    }
    String words = meterName.replace('.', ' ').replace('_', ' ');
    return words.substring(0, 1).toUpperCase(Locale.ROOT) + words.substring(1);
  }

  private static boolean hasText(String text) {
    return text != null && !text.isBlank();
  }
}
