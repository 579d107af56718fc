package io.soma.hub.functions.memory;

import io.soma.hub.functions.FunctionApplications;
import io.soma.hub.functions.FunctionEdge;
import io.soma.hub.functions.temporal.TemporalClientConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Import;

/**
 * The application of an instance of the memory functions: the edge, the memory store, the Temporal
 * client (a refresh starts a workflow) and the memory functions.
 */
@EnableAutoConfiguration
@Import({
  FunctionEdge.class,
  TemporalClientConfiguration.class,
  MemoryFunctions.class,
  MemoryRoutes.class
})
public class MemoryApplication {

  public static void main(String[] args) {
    FunctionApplications.run(MemoryApplication.class, args);
  }
}
