package io.soma.hub.e2e.bench;

import io.soma.hub.testing.cluster.LocalCluster;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * The memory a Knative Service's pod holds on the local node, read from its memory cgroup (v1, the
 * kubelet's cgroupfs driver) as the kubelet reports it: the working set, usage less inactive file
 * pages. The pod's figure holds the queue-proxy too; the container's is the function alone.
 */
record PodMemory(long podBytes, long containerBytes) {

  private static final Path KUBEPODS = Path.of("/sys/fs/cgroup/memory/kubepods");

  static PodMemory of(LocalCluster cluster, String service) {
    String selector = "serving.knative.dev/service=" + service;
    String uid =
        cluster.kubectl(
            "-n",
            "soma-hub",
            "get",
            "pods",
            "-l",
            selector,
            "--field-selector",
            "status.phase=Running",
            "-o",
            "jsonpath={.items[0].metadata.uid}");
    String container =
        cluster
            .kubectl(
                "-n",
                "soma-hub",
                "get",
                "pods",
                "-l",
                selector,
                "--field-selector",
                "status.phase=Running",
                "-o",
                "jsonpath={.items[0].status.containerStatuses[?(@.name==\"function\")].containerID}")
            .replaceFirst("^containerd://", "");
    Path pod = podCgroup(uid.replace('-', '_'), uid);
    return new PodMemory(workingSet(pod), workingSet(pod.resolve(container)));
  }

  private static Path podCgroup(String... names) {
    try (Stream<Path> dirs = Files.walk(KUBEPODS, 3)) {
      return dirs.filter(
              dir ->
                  Stream.of(names)
                      .anyMatch(name -> dir.getFileName().toString().equals("pod" + name)))
          .findFirst()
          .orElseThrow(
              () ->
                  new IllegalStateException(
                      "no memory cgroup pod" + names[1] + " under " + KUBEPODS));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static long workingSet(Path cgroup) {
    try {
      long usage = Long.parseLong(Files.readString(cgroup.resolve("memory.usage_in_bytes")).trim());
      long inactiveFile =
          Files.readAllLines(cgroup.resolve("memory.stat")).stream()
              .filter(line -> line.startsWith("total_inactive_file "))
              .mapToLong(line -> Long.parseLong(line.substring(line.indexOf(' ') + 1).trim()))
              .findFirst()
              .orElse(0);
      return Math.max(0, usage - inactiveFile);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
