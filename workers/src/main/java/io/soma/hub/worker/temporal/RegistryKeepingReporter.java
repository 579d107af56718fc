package io.soma.hub.worker.temporal;

import io.micrometer.core.instrument.MeterRegistry;
import io.temporal.common.reporter.MicrometerClientStatsReporter;

/**
 * Reports Temporal SDK metrics to the application's registry without owning it. The SDK reporter
 * closes its registry when the metrics scope closes; the registry belongs to Spring, which closes
 * it last, after the final report of the scope has gone into it.
 */
final class RegistryKeepingReporter extends MicrometerClientStatsReporter {

  RegistryKeepingReporter(MeterRegistry registry) {
    super(registry);
  }

  @Override
  public void close() {}
}
