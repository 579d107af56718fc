package io.soma.hub.e2e.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Assumptions;

/**
 * Runs an image's entrypoint the way a Kubernetes pod with {@code readOnlyRootFilesystem} runs it,
 * without a container runtime: in a private mount namespace ({@code unshare --mount}) the unpacked
 * root filesystem is mounted read-only, with a tmpfs on {@code /tmp} (the pod's emptyDir), {@code
 * /proc}, {@code /dev} and the host's {@code /etc/hosts}, {@code /etc/hostname} and {@code
 * /etc/resolv.conf} (as the kubelet mounts), and the entrypoint is exec'd in a {@code chroot} as
 * the image's user with only the image's and the pod's environment. The network is the host's, so
 * the process reaches a Temporal on loopback. It needs root, as {@code ./hub test} has in CI.
 */
public final class ContainerSandbox {

  private ContainerSandbox() {}

  /**
   * A process (not started yet) running {@code image}'s entrypoint on {@code root} with the pod's
   * variables.
   */
  public static HubProcess process(
      String name, OciImage image, Path root, Map<String, String> podEnvironment, URI readiness) {
    requireRoot();
    mountPoints(root);
    Map<String, String> environment = new TreeMap<>(image.environment());
    environment.putAll(podEnvironment);
    List<String> command = new ArrayList<>(List.of("/usr/bin/env", "-i"));
    environment.forEach((key, value) -> command.add(key + "=" + value));
    command.addAll(List.of("/usr/sbin/chroot", "--userspec=" + image.user(), root.toString()));
    command.addAll(image.entrypoint());
    String mounts =
        "set -e; root=\"$1\"; shift; "
            + "mount --bind \"$root\" \"$root\"; mount -o remount,bind,ro \"$root\"; "
            + "mount -t tmpfs -o size=64m tmpfs \"$root/tmp\"; mount -t proc proc \"$root/proc\"; "
            + "mount --rbind /dev \"$root/dev\"; "
            + "for f in "
            + String.join(" ", RUNTIME_FILES)
            + "; do mount --bind \"/$f\" \"$root/$f\"; done; "
            + "exec \"$@\"";
    List<String> sandboxed =
        new ArrayList<>(List.of("unshare", "--mount", "sh", "-c", mounts, "sandbox"));
    sandboxed.add(root.toString());
    sandboxed.addAll(command);
    // exec all the way down: the JVM keeps this process's pid, so stop() sends its SIGTERM to the
    // JVM itself.
    return HubProcess.command(name, sandboxed, Map.of(), readiness);
  }

  /**
   * What a pod gets from the kubelet rather than from its image: name resolution of its own host
   * name and DNS.
   */
  private static final List<String> RUNTIME_FILES =
      List.of("etc/hosts", "etc/hostname", "etc/resolv.conf");

  /** Where the runtime mounts /proc, /dev and its files; an image has none of them of its own. */
  private static void mountPoints(Path root) {
    try {
      Files.createDirectories(root.resolve("proc"));
      Files.createDirectories(root.resolve("dev"));
      for (String file : RUNTIME_FILES) {
        if (!Files.exists(root.resolve(file))) {
          Files.createFile(root.resolve(file));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void requireRoot() {
    boolean root = "root".equals(System.getProperty("user.name"));
    if (!root && Boolean.parseBoolean(System.getenv("HUB_E2E_REQUIRE_TOOLS"))) {
      throw new AssertionError(
          "running an image without a container runtime needs root (unshare, mount, chroot)");
    }
    Assumptions.assumeTrue(root, "running an image without a container runtime needs root");
  }
}
