package io.soma.hub.knative.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.soma.hub.testing.cluster.LocalCluster;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("cluster/cluster up, status and down")
class ClusterLifecycleTest {

  @Test
  @DisplayName("up refuses to start over itself; down leaves no process and no port behind")
  void upStatusDown() {
    List<Long> pids;
    List<Integer> ports;
    try (KnativeCluster cluster =
        KnativeCluster.start("lifecycle", LocalCluster.Parts.KUBERNETES)) {
      pids = cluster.pids();
      ports = cluster.ports();
      assertThat(pids).hasSize(3).allMatch(LocalCluster::alive);

      LocalCluster.Result again = cluster.script("up", "--without-knative");
      LocalCluster.Result status = cluster.script("status");

      assertThat(again.exitCode()).isNotZero();
      assertThat(again.output()).contains("is already running", "./hub cluster down first");
      assertThat(status.exitCode()).as(status.output()).isZero();
      assertThat(status.output()).contains("etcd", "running", "KUBECONFIG=" + cluster.kubeconfig());
      assertThat(cluster.pids()).isEqualTo(pids);

      cluster.close();
      LocalCluster.Result down = cluster.script("status");
      assertThat(down.exitCode()).isEqualTo(3);
    }
    assertThat(pids).noneMatch(LocalCluster::alive);
    assertThat(ports).noneMatch(ClusterLifecycleTest::listening);
  }

  private static boolean listening(int port) {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
      return true;
    } catch (IOException refused) {
      return false;
    }
  }
}
