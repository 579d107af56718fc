package io.soma.hub.knative.cluster;

import io.soma.hub.testing.cluster.LocalCluster;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Gives a test the one {@link KnativeCluster} (control plane and Knative, no node) of this test
 * run: started by the first test that asks, stopped when the run ends. Each test class keeps to
 * namespaces of its own.
 */
public final class KnativeClusterExtension implements ParameterResolver {

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    return parameter.getParameter().getType() == KnativeCluster.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    return context
        .getRoot()
        .getStore(ExtensionContext.Namespace.GLOBAL)
        .getOrComputeIfAbsent(
            "knative-cluster",
            key -> new Closing(KnativeCluster.start("knative", LocalCluster.Parts.CONTROL_PLANE)),
            Closing.class)
        .cluster();
  }

  /** Stops the cluster when JUnit closes the root store, at the end of the run. */
  private record Closing(KnativeCluster cluster)
      implements ExtensionContext.Store.CloseableResource {
    @Override
    public void close() {
      cluster.close();
    }
  }
}
