package io.soma.hub.knative.manifests;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Volume;
import java.util.List;

/**
 * The hardening every container of the hub shares, whatever runs it (a Knative Service, the
 * worker's Deployment, the migration Job): no privilege escalation, no capabilities, a read-only
 * root, and /tmp on an emptyDir of its pod. Where non-root and the seccomp profile are set (pod or
 * container) differs, so the callers check those.
 */
final class Hardening {

  private Hardening() {}

  static void assertHardened(Container container, List<Volume> podVolumes) {
    var security = container.getSecurityContext();
    assertThat(security.getAllowPrivilegeEscalation()).isFalse();
    assertThat(security.getReadOnlyRootFilesystem()).isTrue();
    assertThat(security.getCapabilities().getDrop()).containsExactly("ALL");
    String tmp =
        container.getVolumeMounts().stream()
            .filter(mount -> mount.getMountPath().equals("/tmp"))
            .findFirst()
            .orElseThrow(() -> new AssertionError(container.getName() + " mounts nothing at /tmp"))
            .getName();
    assertThat(podVolumes)
        .filteredOn(volume -> volume.getName().equals(tmp))
        .singleElement()
        .satisfies(
            volume -> assertThat(volume.getEmptyDir()).as("/tmp is an emptyDir").isNotNull());
  }
}
