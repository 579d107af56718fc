package io.soma.hub.functions.startup;

import io.soma.hub.functions.http.GatewayRoute;
import io.soma.hub.functions.http.HttpEdgeConfiguration;
import java.util.List;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * In an AOT cache training run ({@code hub.aot.training}, HUB_AOT_TRAINING), the served routes are
 * called once when the application is ready ({@link AotTrainingCalls}), then the process halts and
 * the JVM writes the cache. A plain runtime check rather than a condition: conditions are decided
 * when the jar is built (ahead-of-time processing).
 */
@Configuration(proxyBeanMethods = false)
public class AotTrainingConfiguration {

  @Bean
  ApplicationListener<ApplicationReadyEvent> aotTrainingCalls(
      @Value("${hub.aot.training:false}") boolean training,
      @Value("${spring.cloud.function.definition:}") String definition,
      @Value("${HUB_JWT_SECRET:}") String secret,
      ObjectProvider<GatewayRoute> routes) {
    return event -> {
      if (!training) {
        return;
      }
      int port =
          ((WebServerApplicationContext) event.getApplicationContext()).getWebServer().getPort();
      List<GatewayRoute> served =
          HttpEdgeConfiguration.served(routes.orderedStream().toList(), definition);
      new AotTrainingCalls(served, secret).callEach(port);
      // Halt rather than close the context and exit: the JVM writes the cache at a halt too, and
      // the shutdown path's classes (about 85) would otherwise be in it, loaded at every start.
      Runtime.getRuntime().halt(0);
    };
  }
}
