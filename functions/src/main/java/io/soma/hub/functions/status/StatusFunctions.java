package io.soma.hub.functions.status;

import java.util.Optional;
import java.util.function.Function;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.info.BuildProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
public class StatusFunctions {

  @Bean
  Function<StatusQuery, StatusView> status(
      ObjectProvider<BuildProperties> build,
      @Value("${K_SERVICE:}") String kService,
      @Value("${K_REVISION:}") String kRevision) {
    String version =
        Optional.ofNullable(build.getIfAvailable()).map(BuildProperties::getVersion).orElse("dev");
    // Empty defaults rather than #{null}: an expression would load Spring's expression language at
    // every start.
    return new Status(version, blankToNull(kService), blankToNull(kRevision));
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value;
  }
}
