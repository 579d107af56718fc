package io.soma.hub.functions;

import io.soma.hub.store.migration.StoreMigration;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * The gateway: every SPEC endpoint as a Spring Cloud Function, behind one HTTP edge (package {@code http}). With
 * {@code migrate} as the first argument the jar runs the hub store's migrations instead and exits (the hub-migrate
 * Job runs the functions image so).
 */
@SpringBootApplication
public class GatewayApplication {

  public static void main(String[] args) {
    if (StoreMigration.requested(args)) {
      System.exit(StoreMigration.run(args));
    }
    SpringApplication.run(GatewayApplication.class, args);
  }
}
