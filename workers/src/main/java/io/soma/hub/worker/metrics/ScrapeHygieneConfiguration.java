package io.soma.hub.worker.metrics;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.config.MeterFilter;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Keeps {@code /metrics} clean for {@code promtool check metrics}: every family gets help text (the Temporal SDK,
 * Tomcat and Spring's HTTP timers register meters without a description), gauges do not end in {@code _count}
 * (reserved for histograms and summaries), and the two JVM meters whose names carry an abbreviated, non-base unit are
 * left out.
 */
@Configuration(proxyBeanMethods = false)
class ScrapeHygieneConfiguration {

  /** {@code jvm_compilation_time_ms_total} and {@code process_cpu_time_ns_total}. */
  private static final Set<String> ABBREVIATED_UNIT_METERS = Set.of("jvm.compilation.time", "process.cpu.time");

  private static final Map<String, String> COUNT_GAUGE_NAMES =
      Map.of(
          "system.cpu.count", "system.cpu.processors",
          "temporal_workflow_active_thread_count", "temporal_workflow_active_threads");

  @Bean
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
  MeterFilter denyMetersWithAbbreviatedUnits() {
    return MeterFilter.deny(id -> ABBREVIATED_UNIT_METERS.contains(id.getName()));
  }

  @Bean
  MeterFilter describeUndescribedMeters() {
    return new MeterFilter() {
      @Override
      public Meter.Id map(Meter.Id id) {
        if (hasText(id.getDescription()) || id.syntheticAssociation() != null) {
          return id;
        }
        return new Meter.Id(
            id.getName(), Tags.of(id.getTags()), id.getBaseUnit(), describe(id.getName()), id.getType());
      }
    };
  }

  static String describe(String meterName) {
    if (meterName.startsWith("temporal")) {
      return "Temporal Java SDK metric " + meterName + ", see docs.temporal.io/references/sdk-metrics";
    }
    String words = meterName.replace('.', ' ').replace('_', ' ');
    return words.substring(0, 1).toUpperCase(Locale.ROOT) + words.substring(1);
  }

  private static boolean hasText(String text) {
    return text != null && !text.isBlank();
  }
}
