package io.soma.hub.testing.cluster;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A local cluster started by the project's own {@code cluster/cluster up}: etcd, kube-apiserver,
 * kube-controller-manager, the real Knative Serving webhook and controller, and on request the node
 * (containerd, kubelet, Knative's data plane, Traefik) with PostgreSQL and Temporal for the hub's
 * pods. The control plane's ports are free ones, so its tests never collide with a developer's
 * {@code ./hub cluster up}; the node's are fixed (one node per machine). Without the programs built
 * ({@code cluster/build}) the tests skip, except under {@code ./hub test}
 * (HUB_E2E_REQUIRE_TOOLS=true), which builds them first and where a missing one is a failure.
 */
public final class LocalCluster implements AutoCloseable {

  /** What to start. */
  public enum Parts {
    /** Kubernetes without Knative: a cluster where Knative is not installed. */
    KUBERNETES("--without-knative"),
    /** The control plane with Knative Serving; no node, so no pod runs. */
    CONTROL_PLANE("--control-plane-only"),
    /** The control plane, the node and the hub's backing services. */
    NODE("--with-node");

    private final String flag;

    Parts(String flag) {
      this.flag = flag;
    }
  }

  private static final String[] PORTS = {
    "ETCD_CLIENT_PORT",
    "ETCD_PEER_PORT",
    "APISERVER_PORT",
    "KCM_PORT",
    "WEBHOOK_PORT",
    "WEBHOOK_PROFILING_PORT",
    "CONTROLLER_PROFILING_PORT",
    "CONTROLLER_PROBES_PORT",
    "WEBHOOK_METRICS_PORT",
    "CONTROLLER_METRICS_PORT"
  };

  private final Path script;
  private final Path run;
  private final Map<String, String> environment;
  private final Path kubeconfig;
  private final String kubectl;
  private final int apiserverPort;
  private final String ingress;

  private LocalCluster(Path script, Path run, Map<String, String> environment, String output) {
    this.script = script;
    this.run = run;
    this.environment = environment;
    this.kubeconfig = Path.of(line(output, "KUBECONFIG="));
    this.kubectl = line(output, "KUBECTL=");
    this.ingress = line(output, "INGRESS=");
    this.apiserverPort = Integer.parseInt(environment.get("APISERVER_PORT"));
  }

  /**
   * Starts a cluster named {@code name} (its state in target/cluster-NAME).
   *
   * @param environment more variables for cluster/cluster, e.g. the node's TEMPORAL_CLI, PG_BIN and
   *     HUB_SECRET_FILE
   */
  public static LocalCluster start(String name, Parts parts, Map<String, String> environment) {
    Path root = root();
    Path script = root.resolve("cluster/cluster");
    Path run = Path.of("target", "cluster-" + name).toAbsolutePath();
    Map<String, String> variables = new LinkedHashMap<>(environment);
    variables.put("SOMA_CLUSTER_RUN", run.toString());
    for (String port : PORTS) {
      variables.put(port, String.valueOf(Ports.free()));
    }
    List<String> command = List.of("bash", script.toString(), "up", parts.flag);
    Path log = Path.of("target", "cluster-" + name + "-up.log").toAbsolutePath();
    if (Boolean.parseBoolean(System.getenv("HUB_E2E_REQUIRE_TOOLS"))) {
      // ./hub test started the build in the background; this waits for it (or builds what is
      // missing).
      List<String> build =
          new ArrayList<>(List.of("bash", root.resolve("cluster/build").toString()));
      if (parts != Parts.NODE) {
        build.add("--control-plane");
      }
      runScript(build, Map.of(), log, 60 * 60, true);
    }
    // A run of this test killed before its down left its processes (and a node's bridge): down
    // stops them by the
    // pid files in the same state directory, and does nothing when there are none.
    runScript(List.of("bash", script.toString(), "down"), variables, log, 300);
    String output = runScript(command, variables, log, 300);
    String kubeconfig = line(output, "KUBECONFIG=");
    if (kubeconfig == null) {
      String tail = tail(log);
      if (tail.contains("is not built")
          && !Boolean.parseBoolean(System.getenv("HUB_E2E_REQUIRE_TOOLS"))) {
        assumeTrue(false, "the local cluster is not built (cluster/build): " + tail);
      }
      throw new IllegalStateException("cluster/cluster up failed; " + log + " ends with:\n" + tail);
    }
    return new LocalCluster(script, run, variables, output);
  }

  /** Starts a cluster of these parts. */
  public static LocalCluster start(String name, Parts parts) {
    return start(name, parts, Map.of());
  }

  /** The project's root folder (the hub.root system property, else the parent of the module). */
  public static Path root() {
    return Path.of(System.getProperty("hub.root", "..")).toAbsolutePath().normalize();
  }

  /** The node's ingress, http://ADDRESS:PORT (only with {@link Parts#NODE}). */
  public String ingress() {
    if (ingress == null) {
      throw new IllegalStateException("this cluster has no node, so no ingress");
    }
    return ingress;
  }

  public Path kubeconfig() {
    return kubeconfig;
  }

  public Path runDir() {
    return run;
  }

  public int apiserverPort() {
    return apiserverPort;
  }

  /**
   * Runs kubectl (the one the cluster script chose) against this cluster; its output, or a failure
   * with stderr.
   */
  public String kubectl(String... args) {
    List<String> command = new ArrayList<>(List.of(kubectl, "--kubeconfig", kubeconfig.toString()));
    command.addAll(List.of(args));
    Path log = run.resolve("logs/kubectl-test.log");
    return runScript(command, Map.of(), log, 120, true);
  }

  /**
   * Runs {@code cluster/cluster VERB ARGS} for this cluster: its exit code and what it printed
   * (stdout and stderr).
   */
  public Result script(String... verbAndArgs) {
    List<String> command = new ArrayList<>(List.of("bash", script.toString()));
    command.addAll(List.of(verbAndArgs));
    return run(Map.of(), command);
  }

  /**
   * Runs a command with this cluster's environment and some more variables, until it exits: its
   * exit code and what it printed (stdout and stderr).
   */
  public Result run(Map<String, String> moreEnvironment, List<String> command) {
    try {
      ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
      builder.environment().putAll(environment);
      builder.environment().putAll(moreEnvironment);
      Process process = builder.start();
      // Read to the end: the command has exited, or closed its output, when this returns.
      String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      return new Result(process.waitFor(), output);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /**
   * What a failed test needs to say why the node did not do its work: every pod, the recent events,
   * and the tails of the kubelet's and containerd's logs. Never throws: a broken cluster is what it
   * describes.
   */
  public String diagnostics() {
    StringBuilder text = new StringBuilder();
    for (List<String> args :
        List.of(
            List.of("get", "pods", "-A", "-o", "wide"),
            List.of("get", "events", "-A", "--sort-by=.lastTimestamp"))) {
      text.append("\n$ kubectl ").append(String.join(" ", args)).append('\n');
      try {
        String output = kubectl(args.toArray(String[]::new));
        List<String> lines = output.lines().toList();
        text.append(String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size())));
      } catch (RuntimeException e) {
        text.append("(").append(e.getMessage()).append(")");
      }
    }
    for (String program : List.of("kubelet", "containerd")) {
      text.append("\n$ tail ")
          .append(program)
          .append(".log\n")
          .append(tail(run.resolve("logs/" + program + ".log")));
    }
    return text.toString();
  }

  /** An exit code and the output of a command. */
  public record Result(int exitCode, String output) {}

  /** Every port this cluster was given. */
  public List<Integer> ports() {
    return java.util.Arrays.stream(PORTS).map(environment::get).map(Integer::parseInt).toList();
  }

  /** The process ids up wrote, read now. */
  public List<Long> pids() {
    try (var files = Files.list(run.resolve("pids"))) {
      return files
          .map(
              f -> {
                try {
                  return Long.parseLong(Files.readString(f).trim());
                } catch (IOException e) {
                  throw new UncheckedIOException(e);
                }
              })
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Whether a process of this id is alive (not a zombie). */
  public static boolean alive(long pid) {
    return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
  }

  @Override
  public void close() {
    // The node's pods are torn down by its kubelet first: a minute and a half at the most.
    runScript(
        List.of("bash", script.toString(), "down"), environment, run.resolve("down.log"), 300);
  }

  private static String runScript(
      List<String> command, Map<String, String> environment, Path log, long seconds) {
    return runScript(command, environment, log, seconds, false);
  }

  private static String runScript(
      List<String> command,
      Map<String, String> environment,
      Path log,
      long seconds,
      boolean failOnError) {
    try {
      Files.createDirectories(log.getParent());
      Path output = Files.createTempFile("cluster", ".out");
      ProcessBuilder builder =
          new ProcessBuilder(command)
              .redirectOutput(output.toFile())
              .redirectError(ProcessBuilder.Redirect.appendTo(log.toFile()));
      builder.environment().putAll(environment);
      Process process = builder.start();
      if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new IllegalStateException(
            String.join(" ", command) + " did not finish in " + seconds + " s");
      }
      String text = Files.readString(output, StandardCharsets.UTF_8);
      Files.delete(output);
      if (failOnError && process.exitValue() != 0) {
        throw new IllegalStateException(
            String.join(" ", command) + " failed (" + process.exitValue() + "): " + tail(log));
      }
      return text;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static String line(String output, String prefix) {
    return output
        .lines()
        .filter(l -> l.startsWith(prefix))
        .map(l -> l.substring(prefix.length()))
        .findFirst()
        .orElse(null);
  }

  private static String tail(Path log) {
    try {
      List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
    } catch (IOException e) {
      return "(no log: " + e.getMessage() + ")";
    }
  }
}
