package io.soma.hub.functions;

import io.soma.hub.functions.campaigns.CampaignsApplication;
import io.soma.hub.functions.memory.MemoryApplication;
import io.soma.hub.functions.schedules.SchedulesApplication;
import io.soma.hub.functions.sessions.SessionsApplication;
import io.soma.hub.functions.status.StatusApplication;
import io.soma.hub.functions.wizards.WizardsApplication;
import io.soma.hub.store.migration.StoreMigration;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Import;
import org.springframework.context.aot.AbstractAotProcessor;

/**
 * The gateway: every SPEC endpoint as a Spring Cloud Function, behind one HTTP edge (package {@code
 * http}). With {@code migrate} as the first argument the jar runs the hub store's migrations
 * instead and exits (the hub-migrate Job runs the functions image so). An instance selecting the
 * functions of one feature starts that feature's smaller application instead ({@link
 * FunctionApplications}).
 *
 * <p>Every feature's application imported, not a component scan: each configuration class is then
 * the same bean, under the same name, in every application, so the code ahead-of-time processing
 * generates for it (one class per configuration class, shared by all the applications in the jar)
 * fits them all.
 */
@SpringBootConfiguration(proxyBeanMethods = false)
@EnableAutoConfiguration
@Import({
  StatusApplication.class,
  SessionsApplication.class,
  WizardsApplication.class,
  CampaignsApplication.class,
  MemoryApplication.class,
  SchedulesApplication.class
})
public class GatewayApplication {

  public static void main(String[] args) {
    if (StoreMigration.requested(args)) {
      System.exit(StoreMigration.run(args));
    }
    // The ahead-of-time processing of this class runs this main: it processes this application,
    // whatever is selected.
    Class<?> application =
        Boolean.getBoolean(AbstractAotProcessor.AOT_PROCESSING)
            ? GatewayApplication.class
            : FunctionApplications.forDefinition(FunctionApplications.definition(args));
    FunctionApplications.run(application, args);
  }
}
