package io.soma.hub.functions.http;

import org.apache.catalina.core.StandardHost;
import org.springframework.boot.tomcat.TomcatContextCustomizer;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Configuration;

/**
 * Installs {@link ProblemErrorReportValve} as the host's error report valve before Tomcat starts.
 */
@Configuration(proxyBeanMethods = false)
public class ProblemErrorPages
    implements WebServerFactoryCustomizer<TomcatServletWebServerFactory> {

  @Override
  public void customize(TomcatServletWebServerFactory factory) {
    TomcatContextCustomizer useProblemValve =
        context -> {
          if (context.getParent() instanceof StandardHost host) {
            host.setErrorReportValveClass(ProblemErrorReportValve.class.getName());
          }
        };
    factory.addContextCustomizers(useProblemValve);
  }
}
