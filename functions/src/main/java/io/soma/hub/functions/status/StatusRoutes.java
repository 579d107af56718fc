package io.soma.hub.functions.status;

import io.soma.hub.functions.http.GatewayRoute;
import io.soma.hub.functions.http.Reply;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;

/** The HTTP binding of the status function: any valid token may ask. */
@Configuration(proxyBeanMethods = false)
public class StatusRoutes {

  @Bean
  GatewayRoute statusRoute() {
    return GatewayRoute.of(
        HttpMethod.GET,
        "/v1/status",
        "status",
        null,
        null,
        r -> new StatusQuery(r.caller()),
        StatusView.class,
        Reply::ok);
  }
}
