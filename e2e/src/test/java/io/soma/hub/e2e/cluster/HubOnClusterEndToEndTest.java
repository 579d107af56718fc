package io.soma.hub.e2e.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.soma.hub.e2e.support.JsonHttp;
import io.soma.hub.e2e.support.LocalTokens;
import io.soma.hub.e2e.support.LocalTools;
import io.soma.hub.e2e.support.SessionCalls;
import io.soma.hub.testing.cluster.LocalCluster;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The whole hub on the local cluster's node, as a user runs it: ./hub images' tarballs loaded into containerd, the
 * local overlay deployed with the CLI (the migration Job first, then fourteen functions at zero and the worker as a
 * pod), and every call through the ingress (Traefik, driven by Knative's net-gateway-api) with the Host header of
 * the HTTPRoute hub-api.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@DisplayName("The hub on the local cluster, through the ingress")
class HubOnClusterEndToEndTest {

  static final String HOST = "api.soma-hub.127.0.0.1.sslip.io";
  static final String FUNCTIONS = "dev.local/soma-agent-hub/functions:dev";
  static final String WORKER = "dev.local/soma-agent-hub/worker:dev";

  static LocalCluster cluster;
  static LocalTokens tokens;
  static JsonHttp api;
  static String ipForwardBefore;

  @BeforeAll
  static void hubOnTheCluster() throws Exception {
    Path root = LocalCluster.root();
    Path functionsImage = root.resolve("functions/target/jib-image.tar");
    Path workerImage = root.resolve("workers/target/jib-image.tar");
    boolean required = Boolean.parseBoolean(System.getenv("HUB_E2E_REQUIRE_TOOLS"));
    if (!required) {
      assumeTrue(Files.isRegularFile(functionsImage) && Files.isRegularFile(workerImage), "no images: ./hub images");
    }
    ipForwardBefore = Files.readString(Path.of("/proc/sys/net/ipv4/ip_forward")).trim();
    tokens = LocalTokens.withRandomSecret();
    Path secret = Files.createTempFile("hub-secret", "");
    Files.writeString(secret, tokens.secret());
    cluster = LocalCluster.start("node", LocalCluster.Parts.NODE, Map.of(
        "TEMPORAL_CLI", LocalTools.temporalCli().toString(),
        "PG_BIN", LocalTools.postgresBin().toString(),
        "HUB_SECRET_FILE", secret.toString()));
    assertThat(cluster.script("load", functionsImage.toString(), FUNCTIONS).exitCode()).isZero();
    assertThat(cluster.script("load", workerImage.toString(), WORKER).exitCode()).isZero();

    CliResult deploy = knative("deploy", "--overlay", "local", "--all", "--image", FUNCTIONS, "--timeout", "5m");

    assertThat(deploy.exitCode()).as(deploy.output()).isZero();
    assertThat(deploy.output()).contains("Job hub-migrate-dev complete", "ready hub-create-session");
    api = new JsonHttp(URI.create(cluster.ingress())).header("Host", HOST);
  }

  /** down leaves the host as up found it: no process, mount, iptables chain or bridge of the node, ip_forward. */
  @AfterAll
  static void downLeavesTheHostAsItWas() throws Exception {
    if (cluster == null) {
      return;
    }
    List<Long> pids = cluster.pids();
    cluster.close();

    assertThat(pids).noneMatch(LocalCluster::alive);
    assertThat(Files.readAllLines(Path.of("/proc/self/mounts"))).noneMatch(line -> line.contains(
        cluster.runDir().toString()) || line.contains("/soma-hub/cluster/containerd"));
    for (String iptables : List.of("iptables-save", "ip6tables-save")) {
      assertThat(run(iptables).lines()).as(iptables).noneMatch(line -> line.matches(".*\\b(KUBE|CNI)-.*"));
    }
    assertThat(run("ip", "-br", "link").lines()).noneMatch(line -> line.startsWith("cni0") || line.startsWith("veth"));
    assertThat(Files.readString(Path.of("/proc/sys/net/ipv4/ip_forward")).trim()).isEqualTo(ipForwardBefore);
    assertThat(Path.of("/etc/cni/net.d/10-soma-hub.conflist")).doesNotExist();
  }

  private static String run(String... command) throws IOException, InterruptedException {
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    process.waitFor(30, TimeUnit.SECONDS);
    return output;
  }

  @Test
  @Order(1)
  @DisplayName("a session started through the ingress completes, run by the worker as a pod")
  void sessionCompletes() {
    JsonHttp caller = api.as(tokens.mint("acme", "ann", "sessions:write", "sessions:read"));

    String id = SessionCalls.create(caller, "Draft a launch plan for our espresso machine");
    var finished = SessionCalls.awaitFinished(caller, id, Duration.ofMinutes(3));

    assertThat(finished.get("status").asText()).as(finished.toString()).isEqualTo("COMPLETED");
    assertThat(cluster.kubectl("-n", "soma-hub", "get", "pods", "-l", "app.kubernetes.io/name=hub-worker", "-o",
        "jsonpath={.items[*].status.phase}")).isEqualTo("Running");
  }

  @Test
  @Order(2)
  @DisplayName("a function goes to zero pods after its last request, and the next request starts it again")
  void scalesToZeroAndBack() {
    JsonHttp caller = api.as(tokens.mint("acme", "ann", "sessions:read"));
    assertThat(caller.get("/v1/status").status()).isEqualTo(200);

    await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofSeconds(2))
        .until(() -> pods("hub-status").isEmpty());
    long start = System.nanoTime();
    JsonHttp.Response fromZero = caller.get("/v1/status");

    assertThat(fromZero.status()).as(fromZero.toString()).isEqualTo(200);
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(30));
    assertThat(pods("hub-status")).hasSize(1);
  }

  @Test
  @Order(3)
  @DisplayName("a deploy of a dev.local image no node has is refused at once, naming the command that loads it")
  void imageNotOnTheNode() throws Exception {
    String generation = cluster.kubectl("-n", "soma-hub", "get", "ksvc", "hub-status", "-o",
        "jsonpath={.metadata.generation}");

    CliResult deploy = knative("deploy", "--overlay", "local", "--function", "status", "--image",
        "dev.local/soma-agent-hub/functions:not-loaded");

    assertThat(deploy.exitCode()).as(deploy.output()).isEqualTo(1);
    assertThat(deploy.output()).contains("no node has the image dev.local/soma-agent-hub/functions:not-loaded",
        "./hub cluster load");
    assertThat(cluster.kubectl("-n", "soma-hub", "get", "ksvc", "hub-status", "-o", "jsonpath={.metadata.generation}"))
        .isEqualTo(generation);
  }

  private static List<String> pods(String service) {
    String names = cluster.kubectl("-n", "soma-hub", "get", "pods", "-l", "serving.knative.dev/service=" + service,
        "-o", "name");
    return names.lines().filter(l -> !l.isBlank()).toList();
  }

  record CliResult(int exitCode, String output) {}

  /** The Knative CLI as ./hub knative runs it, against this cluster. */
  static CliResult knative(String... args) throws IOException, InterruptedException {
    Path root = LocalCluster.root();
    Path jar = root.resolve("knative/target/hub-knative.jar");
    assertThat(jar).as("the knative module packages the CLI before e2e runs; did it fail?").exists();
    List<String> command = new java.util.ArrayList<>(List.of("java", "-jar", jar.toString()));
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    builder.environment().put("KUBECONFIG", cluster.kubeconfig().toString());
    builder.environment().put("HUB_KNATIVE_MANIFESTS", root.resolve("knative/manifests").toString());
    Process process = builder.start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    process.waitFor(10, TimeUnit.MINUTES);
    return new CliResult(process.exitValue(), output);
  }
}
