package io.soma.hub.store;

import java.util.HashMap;
import java.util.Map;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Where a hub process listens. In local mode ({@code HUB_LOCAL_MODE=true}: one machine, {@code
 * ./hub up}) every port it opens is on loopback only: the HTTP server, the embedded database's TCP
 * server (H2's {@code AUTO_SERVER}) and the worker's embedded Temporal server; {@code HUB_BIND}
 * names another address (e.g. {@code 0.0.0.0}) when a local hub must be reached from elsewhere.
 * Outside local mode (a pod) the server listens on every interface unless {@code HUB_BIND} says
 * otherwise. An explicit {@code server.address} always wins.
 */
public class LocalModeBinding implements EnvironmentPostProcessor, Ordered {

  /**
   * The address the hub's own listeners bind, when there is one: read by the embedded Temporal
   * server.
   */
  public static final String BIND_ADDRESS = "hub.bind-address";

  static final String LOOPBACK = "127.0.0.1";

  @Override
  public void postProcessEnvironment(
      ConfigurableEnvironment environment, SpringApplication application) {
    String bind = environment.getProperty("HUB_BIND", "").trim();
    if (bind.isEmpty() && environment.getProperty("HUB_LOCAL_MODE", Boolean.class, false)) {
      bind = LOOPBACK;
    }
    if (bind.isEmpty()) {
      return;
    }
    Map<String, Object> properties = new HashMap<>();
    properties.put(BIND_ADDRESS, bind);
    if (!environment.containsProperty("server.address")) {
      properties.put("server.address", bind);
    }
    environment.getPropertySources().addLast(new MapPropertySource("hubBindAddress", properties));
    // H2 reads its TCP server's bind address from this system property when AUTO_SERVER starts it.
    if (System.getProperty("h2.bindAddress") == null) {
      System.setProperty("h2.bindAddress", bind);
    }
  }

  @Override
  public int getOrder() {
    return Ordered.LOWEST_PRECEDENCE;
  }
}
