package io.soma.hub.worker;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;

class WorkerStartupTest {

  /**
   * Command-line arguments, so a HUB_JWT_SECRET in the test's own environment cannot mask the
   * missing secret.
   */
  @Test
  void refusesToStartWithoutASigningSecret() {
    SpringApplicationBuilder worker =
        new SpringApplicationBuilder(WorkerApplication.class).web(WebApplicationType.NONE);

    assertThatThrownBy(
            () ->
                worker.run(
                    "--hub.jwt.secret=",
                    "--spring.datasource.url=jdbc:h2:mem:worker-startup;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE",
                    "--hub.temporal.embedded=false"))
        .hasStackTraceContaining("HUB_JWT_SECRET is not set");
  }
}
