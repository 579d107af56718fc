package io.soma.hub.knative.cluster;

import io.fabric8.knative.client.KnativeClient;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.soma.hub.testing.cluster.LocalCluster;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A {@link LocalCluster} and fabric8 clients for it, for the tests of the Knative CLI and
 * manifests.
 */
public final class KnativeCluster implements AutoCloseable {

  private final LocalCluster cluster;

  private KnativeCluster(LocalCluster cluster) {
    this.cluster = cluster;
  }

  public static KnativeCluster start(String name, LocalCluster.Parts parts) {
    return new KnativeCluster(LocalCluster.start(name, parts));
  }

  public Path kubeconfig() {
    return cluster.kubeconfig();
  }

  public String kubectl(String... args) {
    return cluster.kubectl(args);
  }

  public LocalCluster.Result script(String... verbAndArgs) {
    return cluster.script(verbAndArgs);
  }

  public List<Integer> ports() {
    return cluster.ports();
  }

  public List<Long> pids() {
    return cluster.pids();
  }

  public Config config() {
    try {
      Config config =
          Config.fromKubeconfig(Files.readString(cluster.kubeconfig(), StandardCharsets.UTF_8));
      config.setRequestRetryBackoffLimit(1);
      return config;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public KubernetesClient client() {
    return new KubernetesClientBuilder().withConfig(config()).build();
  }

  public KnativeClient knative() {
    return client().adapt(KnativeClient.class);
  }

  @Override
  public void close() {
    cluster.close();
  }
}
