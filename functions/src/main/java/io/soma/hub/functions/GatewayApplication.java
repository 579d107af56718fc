package io.soma.hub.functions;

import io.soma.hub.store.migration.StoreMigration;
import org.springframework.aot.AotDetector;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.aot.AbstractAotProcessor;
import org.springframework.util.ClassUtils;

/**
 * The gateway: every SPEC endpoint as a Spring Cloud Function, behind one HTTP edge (package {@code http}). With
 * {@code migrate} as the first argument the jar runs the hub store's migrations instead and exits (the hub-migrate
 * Job runs the functions image so).
 *
 * <p>The jar is built with Spring's ahead-of-time processing (the bean definitions as generated code, the
 * conditions decided at build time), and {@code main} starts from it unless {@code spring.aot.enabled} says
 * otherwise: a function's cold start then skips parsing configuration classes and evaluating auto-configuration,
 * a third of the main thread's work at start. Tests start the context the ordinary way.
 */
@SpringBootApplication
public class GatewayApplication {

  public static void main(String[] args) {
    if (StoreMigration.requested(args)) {
      System.exit(StoreMigration.run(args));
    }
    // Not while the processing itself runs main (it would find the previous build's generated classes).
    boolean processing = Boolean.getBoolean(AbstractAotProcessor.AOT_PROCESSING);
    if (System.getProperty(AotDetector.AOT_ENABLED) == null && !processing && aheadOfTimeProcessed()) {
      System.setProperty(AotDetector.AOT_ENABLED, "true");
    }
    SpringApplication.run(GatewayApplication.class, args);
  }

  /** Whether this build holds the generated context ({@code spring-boot:process-aot}). */
  static boolean aheadOfTimeProcessed() {
    return ClassUtils.isPresent(
        GatewayApplication.class.getName() + "__ApplicationContextInitializer", GatewayApplication.class.getClassLoader());
  }
}
