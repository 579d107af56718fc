package io.soma.hub.functions;

import io.soma.hub.functions.campaigns.CampaignsApplication;
import io.soma.hub.functions.memory.MemoryApplication;
import io.soma.hub.functions.schedules.SchedulesApplication;
import io.soma.hub.functions.sessions.SessionsApplication;
import io.soma.hub.functions.status.StatusApplication;
import io.soma.hub.functions.wizards.WizardsApplication;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.aot.AotDetector;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.aot.AbstractAotProcessor;
import org.springframework.util.ClassUtils;

/**
 * Which application context a functions process starts. An instance that serves the functions of
 * one feature (a Knative Service runs one function) starts that feature's application: the edge and
 * the feature's beans, not the others' (no Temporal client for {@code status}, no wizard or memory
 * beans for sessions). Any other selection, or none (every function on one port, locally), starts
 * the whole {@link GatewayApplication}.
 *
 * <p>Each application is built with Spring's ahead-of-time processing (bean definitions as
 * generated code, the conditions decided at build time) and starts from it unless {@code
 * spring.aot.enabled} says otherwise: a cold start then skips parsing configuration classes and
 * evaluating auto-configuration, a third of the main thread's work at start. Tests start their
 * contexts the ordinary way.
 */
public final class FunctionApplications {

  /**
   * The functions of each feature application; ImagesTest holds them to the routes each one serves.
   */
  static final Map<Class<?>, Set<String>> FEATURES = new LinkedHashMap<>();

  static {
    FEATURES.put(StatusApplication.class, Set.of("status"));
    FEATURES.put(
        SessionsApplication.class,
        Set.of(
            "createSession",
            "getSession",
            "listSessions",
            "cancelSession",
            "callbackSecret",
            "sendMessage",
            "closeSession",
            "sessionEvents"));
    FEATURES.put(
        WizardsApplication.class,
        Set.of("listWizards", "startWizard", "getWizard", "answerWizard", "approveWizard"));
    FEATURES.put(CampaignsApplication.class, Set.of("getCampaign", "decideCampaign"));
    FEATURES.put(
        MemoryApplication.class,
        Set.of("rememberMemory", "recallMemory", "searchMemory", "refreshMemory"));
    FEATURES.put(
        SchedulesApplication.class,
        Set.of(
            "createSchedule",
            "listSchedules",
            "getSchedule",
            "pauseSchedule",
            "unpauseSchedule",
            "deleteSchedule"));
  }

  static final String DEFINITION = "spring.cloud.function.definition";

  private FunctionApplications() {}

  /**
   * The application for the functions a definition selects (semicolon separated; blank: all of
   * them).
   */
  static Class<?> forDefinition(String definition) {
    Set<String> selected =
        Arrays.stream(definition == null ? new String[0] : definition.split(";"))
            .map(String::strip)
            .filter(name -> !name.isEmpty())
            .collect(Collectors.toSet());
    return FEATURES.entrySet().stream()
        .filter(feature -> !selected.isEmpty() && feature.getValue().containsAll(selected))
        .<Class<?>>map(Map.Entry::getKey)
        .findFirst()
        .orElse(GatewayApplication.class);
  }

  /**
   * The definition as Spring will read it: a command-line argument, else a system property, else
   * the variable.
   */
  static String definition(String[] args) {
    String prefix = "--" + DEFINITION + "=";
    for (String arg : args) {
      if (arg.startsWith(prefix)) {
        return arg.substring(prefix.length());
      }
    }
    String property = System.getProperty(DEFINITION);
    return property != null ? property : System.getenv("SPRING_CLOUD_FUNCTION_DEFINITION");
  }

  /**
   * Starts {@code application}, from its ahead-of-time processed context when the jar holds one.
   * Its own main class, so that the generated context found is that application's.
   */
  public static ConfigurableApplicationContext run(Class<?> application, String[] args) {
    // Not while the processing itself runs main (it would find the previous build's generated
    // classes).
    boolean processing = Boolean.getBoolean(AbstractAotProcessor.AOT_PROCESSING);
    if (System.getProperty(AotDetector.AOT_ENABLED) == null
        && !processing
        && aheadOfTimeProcessed(application)) {
      System.setProperty(AotDetector.AOT_ENABLED, "true");
    }
    SpringApplication spring = new SpringApplication(application);
    spring.setMainApplicationClass(application);
    return spring.run(args);
  }

  private static boolean aheadOfTimeProcessed(Class<?> application) {
    return ClassUtils.isPresent(
        application.getName() + "__ApplicationContextInitializer", application.getClassLoader());
  }
}
