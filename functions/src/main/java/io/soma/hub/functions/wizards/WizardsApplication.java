package io.soma.hub.functions.wizards;

import io.soma.hub.functions.FunctionApplications;
import io.soma.hub.functions.FunctionEdge;
import io.soma.hub.functions.temporal.TemporalClientConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Import;

/**
 * The application of an instance of the wizard functions: the edge, the Temporal client and the
 * wizard functions.
 */
@EnableAutoConfiguration
@Import({
  FunctionEdge.class,
  TemporalClientConfiguration.class,
  WizardFunctions.class,
  WizardRoutes.class
})
public class WizardsApplication {

  public static void main(String[] args) {
    FunctionApplications.run(WizardsApplication.class, args);
  }
}
