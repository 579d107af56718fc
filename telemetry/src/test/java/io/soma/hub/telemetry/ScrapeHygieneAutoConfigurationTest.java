package io.soma.hub.telemetry;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.annotation.ImportCandidates;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

class ScrapeHygieneAutoConfigurationTest {

  private final ApplicationContextRunner context =
      new ApplicationContextRunner()
          .withConfiguration(AutoConfigurations.of(ScrapeHygieneAutoConfiguration.class));

  @Test
  void isAnAutoConfigurationOfEveryAppThatHasTheModule() {
    assertThat(ImportCandidates.load(AutoConfiguration.class, getClass().getClassLoader()))
        .contains(ScrapeHygieneAutoConfiguration.class.getName());
  }

  @Test
  void theMetersThatPromtoolFlagsAreLintedCleanWithTheFilters() {
    PrometheusMeterRegistry unfiltered = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    registerTroublesomeMeters(unfiltered);
    assertThat(PromTool.problems(unfiltered.scrape()))
        .contains(
            "http_server_requests_seconds no help text",
            "jvm_compilation_time_ms_total metric names should not contain abbreviated units",
            "spring_security_filterchains_AuthenticationFilter_before_total metric names should be written in"
                + " 'snake_case' not 'camelCase'",
            "system_cpu_count non-histogram and non-summary metrics should not have \"_count\" suffix");

    context.run(
        app -> {
          PrometheusMeterRegistry filtered = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
          List<MeterFilter> filters =
              app.getBeanProvider(MeterFilter.class).orderedStream().toList();
          filters.forEach(filtered.config()::meterFilter);
          registerTroublesomeMeters(filtered);
          String scrape = filtered.scrape();

          assertThat(PromTool.problems(scrape)).isEmpty();
          assertThat(scrape)
              .contains("# HELP http_server_requests_seconds Http server requests")
              .contains("# HELP spring_security_filterchains_authentication_filter_before_total ")
              .contains("system_cpu_processors 2.0")
              .contains("# HELP temporal_workflow_active_threads Temporal Java SDK metric")
              .contains("# HELP gateway_workflow_start_seconds Time to start a session workflow")
              .doesNotContain("jvm_compilation_time")
              .doesNotContain("process_cpu_time");
        });
  }

  @Test
  void camelCaseNamesBecomeSnakeCase() {
    assertThat(
            ScrapeHygieneAutoConfiguration.snakeCase(
                "spring.security.filterchains.AuthenticationFilter.after"))
        .isEqualTo("spring.security.filterchains.authentication_filter.after");
    assertThat(
            ScrapeHygieneAutoConfiguration.snakeCase(
                "spring.security.OAuth2ProtectedResourceMetadataFilter"))
        .isEqualTo("spring.security.oauth2_protected_resource_metadata_filter");
    assertThat(ScrapeHygieneAutoConfiguration.snakeCase("jvm.memory.used"))
        .isEqualTo("jvm.memory.used");
  }

  /**
   * Stand-ins for what Spring, Tomcat, Spring Security, the JVM binders and the Temporal SDK
   * register.
   */
  private static void registerTroublesomeMeters(MeterRegistry registry) {
    Timer.builder("http.server.requests")
        .tag("uri", "/v1/sessions")
        .register(registry)
        .record(Duration.ofMillis(5));
    Timer.builder("gateway.workflow.start")
        .description("Time to start a session workflow in Temporal")
        .register(registry)
        .record(Duration.ofMillis(3));
    Counter.builder("spring.security.filterchains.AuthenticationFilter.before")
        .register(registry)
        .increment();
    Gauge.builder("system.cpu.count", () -> 2).register(registry);
    Gauge.builder("temporal_workflow_active_thread_count", () -> 1).register(registry);
    FunctionCounter.builder("jvm.compilation.time", 1L, n -> n).baseUnit("ms").register(registry);
    FunctionCounter.builder("process.cpu.time", 1L, n -> n).baseUnit("ns").register(registry);
  }
}
