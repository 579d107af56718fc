package io.soma.hub.functions.status;

import io.soma.hub.functions.FunctionApplications;
import io.soma.hub.functions.FunctionEdge;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Import;

/**
 * The application of a {@code status} instance: the edge and the status function, nothing of the
 * other features.
 */
@EnableAutoConfiguration
@Import({FunctionEdge.class, StatusFunctions.class, StatusRoutes.class})
public class StatusApplication {

  public static void main(String[] args) {
    FunctionApplications.run(StatusApplication.class, args);
  }
}
