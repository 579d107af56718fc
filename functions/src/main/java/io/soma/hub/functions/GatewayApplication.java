package io.soma.hub.functions;

import io.soma.hub.store.migration.StoreMigration;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.aot.AbstractAotProcessor;

/**
 * The gateway: every SPEC endpoint as a Spring Cloud Function, behind one HTTP edge (package {@code http}). With
 * {@code migrate} as the first argument the jar runs the hub store's migrations instead and exits (the hub-migrate
 * Job runs the functions image so). An instance selecting the functions of one feature starts that feature's smaller
 * application instead ({@link FunctionApplications}).
 */
@SpringBootApplication
public class GatewayApplication {

  public static void main(String[] args) {
    if (StoreMigration.requested(args)) {
      System.exit(StoreMigration.run(args));
    }
    // The ahead-of-time processing of this class runs this main: it processes this application, whatever is selected.
    Class<?> application =
        Boolean.getBoolean(AbstractAotProcessor.AOT_PROCESSING)
            ? GatewayApplication.class
            : FunctionApplications.forDefinition(FunctionApplications.definition(args));
    FunctionApplications.run(application, args);
  }
}
