package io.soma.hub.e2e.images;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.soma.hub.e2e.support.ContainerSandbox;
import io.soma.hub.e2e.support.FunctionTable;
import io.soma.hub.e2e.support.HubJars;
import io.soma.hub.e2e.support.HubProcess;
import io.soma.hub.e2e.support.HubWorkflows;
import io.soma.hub.e2e.support.JsonHttp;
import io.soma.hub.e2e.support.LocalTokens;
import io.soma.hub.e2e.support.OciImage;
import io.soma.hub.e2e.support.SessionCalls;
import io.soma.hub.e2e.support.TemporalDevServer;
import io.soma.hub.orchestration.session.SessionResult;
import io.soma.hub.testing.cluster.Ports;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The OCI images Jib builds (functions/target/jib-image.tar, workers/target/jib-image.tar): what
 * they contain, and that they run as the cluster runs them — non-root, read-only root filesystem
 * with /tmp only, the AOT cache each Knative Service selects — by running them in {@link
 * ContainerSandbox} against a real Temporal.
 */
class ImagesTest {

  private static final YAMLMapper YAML = new YAMLMapper();
  private static final Path FUNCTION_SERVICES =
      HubJars.root().resolve("knative/manifests/base/functions");
  private static final Path WORKER_DEPLOYMENT =
      HubJars.root().resolve("knative/manifests/base/worker/deployment.yaml");

  @AutoClose private static OciImage functions;
  @AutoClose private static OciImage worker;
  private static Path functionsRoot;
  private static Path workerRoot;

  @BeforeAll
  static void unpackTheImages() {
    functions = OciImage.built("functions/target/jib-image.tar");
    worker = OciImage.built("workers/target/jib-image.tar");
    functionsRoot = functions.unpackRootFilesystem();
    workerRoot = worker.unpackRootFilesystem();
  }

  @Test
  void bothImagesRunTheMeasuredLaunchAsTheManifestsNonRootUser() throws IOException {
    JsonNode workerPod =
        YAML.readTree(WORKER_DEPLOYMENT.toFile()).at("/spec/template/spec/securityContext");
    String podUser =
        workerPod.path("runAsUser").asText() + ":" + workerPod.path("runAsGroup").asText();
    assertThat(functions.user()).isEqualTo(podUser).doesNotStartWith("0:");
    assertThat(worker.user()).isEqualTo(podUser);
    for (JsonNode service : functionServices()) {
      JsonNode container = service.at("/spec/template/spec/containers/0/securityContext");
      assertThat(container.path("runAsUser").asText() + ":" + container.path("runAsGroup").asText())
          .as("runAsUser of %s", service.at("/metadata/name").asText())
          .isEqualTo(functions.user());
      assertThat(container.path("readOnlyRootFilesystem").asBoolean()).isTrue();
    }

    assertThat(functions.entrypoint())
        .containsExactly("/opt/java/bin/java", "@/app/jvm-options", "-jar", "/app/functions.jar");
    assertThat(worker.entrypoint())
        .containsExactly(
            "/opt/java/bin/java",
            "@/app/jvm-options",
            "-XX:AOTCache=/app/aot/worker.aot",
            "-jar",
            "/app/worker.jar");
    assertThat(functionsRoot.resolve("app/jvm-options"))
        .hasSameTextualContentAs(HubJars.root().resolve("functions/launch/jvm-options"));
    assertThat(workerRoot.resolve("app/jvm-options"))
        .hasSameTextualContentAs(HubJars.root().resolve("workers/launch/jvm-options"));
    assertThat(workerRoot.resolve("app/aot/worker.aot")).isNotEmptyFile();
    // Least to most often changed, so a new build ships only its last layers.
    assertThat(functions.layerNames())
        .contains("system", "java runtime", "libraries", "aot caches");
  }

  @Test
  void everyFunctionServiceSelectsAnAotCacheTrainedIntoTheImage() throws IOException {
    List<JsonNode> services = functionServices();
    assertThat(services)
        .as("one per function of knative/manifests/functions.txt")
        .hasSize(FunctionTable.functions().size());
    for (JsonNode service : services) {
      Map<String, String> env = environmentOf(service);
      String function = env.get("SPRING_CLOUD_FUNCTION_DEFINITION");
      assertThat(env.get("JDK_JAVA_OPTIONS"))
          .as("JDK_JAVA_OPTIONS of %s", service.at("/metadata/name").asText())
          .isEqualTo("-XX:AOTCache=/app/aot/" + function + ".aot");
      assertThat(functionsRoot.resolve("app/aot/" + function + ".aot")).isNotEmptyFile();
    }
  }

  @Test
  void nothingInTheImagesIsWritableButTmp() throws IOException {
    for (Path root : List.of(functionsRoot, workerRoot)) {
      List<String> writable = new ArrayList<>();
      try (Stream<Path> files = Files.walk(root)) {
        for (Path file : files.toList()) {
          String inImage = "/" + root.relativize(file);
          if (inImage.startsWith("/proc") || inImage.startsWith("/dev")) {
            continue;
          }
          PosixFileAttributes attributes =
              Files.readAttributes(file, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
          boolean others = attributes.permissions().contains(PosixFilePermission.OTHERS_WRITE);
          if (!attributes.owner().getName().equals("root") || others && !inImage.equals("/tmp")) {
            writable.add(
                inImage + " " + attributes.owner().getName() + " " + attributes.permissions());
          }
        }
      }
      assertThat(writable).as("files the image's user could change, in %s", root).isEmpty();
      assertThat(Files.getPosixFilePermissions(root.resolve("tmp")))
          .contains(PosixFilePermission.OTHERS_WRITE);
    }
  }

  /**
   * A session through both images: createSession from the functions image with its Knative
   * Service's variables, the worker image completing it. {@code -XX:AOTMode=on} makes either JVM
   * refuse to start if its cache did not fit.
   */
  @Test
  void aSessionRunsThroughTheFunctionAndWorkerImagesOnAReadOnlyRoot() throws IOException {
    LocalTokens tokens = LocalTokens.withRandomSecret();
    try (TemporalDevServer temporal = TemporalDevServer.start();
        HubWorkflows workflows = HubWorkflows.connect(temporal)) {
      Map<String, String> common = hubEnvironment(tokens, temporal);

      int workerPort = Ports.free();
      Map<String, String> workerEnv = new HashMap<>(common);
      workerEnv.put("HUB_WORKER_PORT", Integer.toString(workerPort));
      workerEnv.put("JDK_JAVA_OPTIONS", "-XX:AOTMode=on");
      int functionPort = Ports.free();
      Map<String, String> service = environmentOf(functionService("hub-create-session"));
      Map<String, String> functionEnv = new HashMap<>(common);
      functionEnv.put("PORT", Integer.toString(functionPort));
      functionEnv.put(
          "SPRING_CLOUD_FUNCTION_DEFINITION", service.get("SPRING_CLOUD_FUNCTION_DEFINITION"));
      functionEnv.put("JDK_JAVA_OPTIONS", service.get("JDK_JAVA_OPTIONS") + " -XX:AOTMode=on");

      try (HubProcess workerContainer =
              ContainerSandbox.process(
                      "worker-image",
                      worker,
                      workerRoot,
                      workerEnv,
                      local(workerPort, "/health/readiness"))
                  .start();
          HubProcess functionContainer =
              ContainerSandbox.process(
                      "create-session-image",
                      functions,
                      functionsRoot,
                      functionEnv,
                      local(functionPort, "/health/readiness"))
                  .start()) {
        JsonHttp caller =
            new JsonHttp(local(functionPort, ""))
                .as(tokens.mint("acme", "image", "sessions:write"));
        String sessionId = SessionCalls.create(caller, "Plan a launch from the images");

        AtomicReference<SessionResult> result = new AtomicReference<>();
        await()
            .atMost(Duration.ofMinutes(2))
            .untilAsserted(() -> result.set(workflows.sessionResult(sessionId)));
        assertThat(result.get().reply()).isNotBlank();
        assertThat(functionContainer.logTail(400))
            .as("the function ran as the image's user, without writing outside /tmp")
            .doesNotContain("Read-only file system")
            .contains("started by hub");

        long sigterm = System.nanoTime();
        functionContainer.stop();
        assertThat(functionContainer.isAlive()).isFalse();
        assertThat(Duration.ofNanos(System.nanoTime() - sigterm))
            .isLessThan(Duration.ofSeconds(30));
      }
    }
  }

  /**
   * Each feature's application (one per Knative Service group: status, sessions, wizards,
   * campaigns, memory), started from the image as its Service starts it, with the AOT cache it
   * selects required to load (-XX:AOTMode=on), serves every function of its feature and answers one
   * of them: its ahead-of-time processed context is whole.
   */
  @Test
  void everyFeatureApplicationStartsFromTheImageAndServesItsFunctions() throws IOException {
    List<Feature> features =
        List.of(
            new Feature("status", "/v1/status", List.of("status")),
            new Feature(
                "getSession",
                "/v1/sessions/none",
                List.of(
                    "createSession",
                    "getSession",
                    "listSessions",
                    "cancelSession",
                    "callbackSecret",
                    "sendMessage",
                    "closeSession",
                    "sessionEvents")),
            new Feature(
                "getWizard",
                "/v1/wizards/wiz-none",
                List.of(
                    "listWizards", "startWizard", "getWizard", "answerWizard", "approveWizard")),
            new Feature(
                "getCampaign", "/v1/campaigns/none", List.of("getCampaign", "decideCampaign")),
            new Feature(
                "recallMemory",
                "/v1/memory/none",
                List.of("rememberMemory", "recallMemory", "searchMemory", "refreshMemory")),
            new Feature(
                "getSchedule",
                "/v1/schedules/none",
                List.of(
                    "createSchedule",
                    "listSchedules",
                    "getSchedule",
                    "pauseSchedule",
                    "unpauseSchedule",
                    "deleteSchedule")));
    LocalTokens tokens = LocalTokens.withRandomSecret();
    String token =
        tokens.mint(
            "acme",
            "image",
            "sessions:read",
            "wizards:write",
            "campaigns:write",
            "memory:read",
            "schedules:read");
    try (TemporalDevServer temporal = TemporalDevServer.start()) {
      for (Feature feature : features) {
        String cached = feature.cachedFunction();
        int port = Ports.free();
        Map<String, String> env = hubEnvironment(tokens, temporal);
        env.put("PORT", Integer.toString(port));
        env.put("SPRING_CLOUD_FUNCTION_DEFINITION", String.join(";", feature.functions()));
        env.put("JDK_JAVA_OPTIONS", "-XX:AOTCache=/app/aot/" + cached + ".aot -XX:AOTMode=on");
        try (HubProcess function =
            ContainerSandbox.process(
                    cached + "-feature",
                    functions,
                    functionsRoot,
                    env,
                    local(port, "/health/readiness"))
                .start()) {
          JsonHttp.Response answer =
              new JsonHttp(local(port, "")).as(token).get(feature.firstCall());
          assertThat(answer.status()).as("%s: %s", cached, answer).isIn(200, 404);
          String log = function.logTail(400);
          assertThat(log).as("the log of %s", cached).contains("AOT-processed");
          for (String name : feature.functions()) {
            assertThat(log)
                .as("the log of %s", cached)
                .containsPattern("Serving [A-Z]+ \\S+ -> " + name + "\\b");
          }
        }
      }
    }
  }

  /**
   * A feature's functions, the one whose AOT cache its instance selects, and a call that one
   * answers.
   */
  private record Feature(String cachedFunction, String firstCall, List<String> functions) {}

  /**
   * What both images get in every test: local mode on /tmp, the token secret, the Temporal to use.
   */
  private static Map<String, String> hubEnvironment(
      LocalTokens tokens, TemporalDevServer temporal) {
    Map<String, String> environment = new HashMap<>();
    environment.put("HUB_LOCAL_MODE", "true");
    environment.put("HUB_DATA_DIR", "/tmp/data");
    environment.put("HUB_JWT_SECRET", tokens.secret());
    environment.put("HUB_TEMPORAL_ADDRESS", temporal.address());
    environment.put("HUB_TEMPORAL_NAMESPACE", TemporalDevServer.NAMESPACE);
    return environment;
  }

  private static URI local(int port, String path) {
    return URI.create("http://127.0.0.1:" + port + path);
  }

  private static List<JsonNode> functionServices() throws IOException {
    List<JsonNode> services = new ArrayList<>();
    try (Stream<Path> files = Files.list(FUNCTION_SERVICES)) {
      // Beside the Services (one a file, written by knative/manifests/generate) is their
      // kustomization.yaml.
      for (Path file :
          files
              .filter(f -> f.toString().endsWith(".yaml") && !f.endsWith("kustomization.yaml"))
              .sorted()
              .toList()) {
        services.add(YAML.readTree(file.toFile()));
      }
    }
    return services;
  }

  private static JsonNode functionService(String name) throws IOException {
    return YAML.readTree(FUNCTION_SERVICES.resolve(name + ".yaml").toFile());
  }

  /** The container's plain env entries (value, not valueFrom) of a Knative Service. */
  private static Map<String, String> environmentOf(JsonNode service) {
    Map<String, String> env = new HashMap<>();
    for (JsonNode variable : service.at("/spec/template/spec/containers/0/env")) {
      if (variable.has("value")) {
        env.put(variable.path("name").asText(), variable.path("value").asText());
      }
    }
    return env;
  }
}
