package io.soma.hub.knative.cli;

import static io.soma.hub.knative.cli.KnativeOnCluster.awaitRevision;
import static io.soma.hub.knative.cli.KnativeOnCluster.cli;
import static io.soma.hub.knative.cli.KnativeOnCluster.patchTemplateAnnotation;
import static io.soma.hub.knative.cli.KnativeOnCluster.revisions;
import static io.soma.hub.knative.cli.KnativeOnCluster.service;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.knative.serving.v1.TrafficTarget;
import io.soma.hub.knative.cluster.KnativeCluster;
import io.soma.hub.knative.cluster.KnativeClusterExtension;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Canaries and rollbacks on the real Knative, where no revision is ever Ready (no node): the
 * traffic block is written as asked, Knative validates it, and the CLI warns instead of waiting for
 * routes that cannot come.
 */
@ExtendWith(KnativeClusterExtension.class)
@DisplayName("traffic and rollback on a real Knative Serving")
class TrafficAndRollbackOnClusterTest {

  KnativeCluster cluster;
  String ns;

  /** hub-status with two revisions, in a namespace of the test's own. */
  @BeforeEach
  void twoRevisions(KnativeCluster cluster, TestInfo test) {
    this.cluster = cluster;
    this.ns = "traffic-" + test.getTestMethod().orElseThrow().getName().toLowerCase();
    cluster.kubectl("create", "namespace", ns);
    deploy("reg/functions:1.0", 1);
    deploy("reg/functions:1.1", 2);
  }

  @Test
  @DisplayName("traffic --split with --tag writes the spec's traffic list for a canary")
  void canarySplit() {
    CliRun run =
        cli(
            cluster,
            ns,
            "traffic",
            "hub-status",
            "--split",
            "hub-status-00001=90,@latest=10",
            "--tag",
            "@latest=canary");

    assertThat(run.exitCode()).as(run.toString()).isZero();
    assertThat(specTraffic())
        .containsExactly(
            TrafficPlan.pinned("hub-status-00001", 90L, null), TrafficPlan.latest(10L, "canary"));
    assertThat(run.err())
        .startsWith(
            "warning: not Ready: hub-status-00001 (Unknown), @latest hub-status-00002 "
                + "(Unknown); the traffic is set in hub-status's spec, and Knative routes it once they are");
    assertThat(run.out())
        .isEqualTo("traffic of hub-status: 90% hub-status-00001, 10% @latest #canary\n");
  }

  @Test
  @DisplayName("traffic --tag alone keeps the percentages and reaches the tagged revision at 0%")
  void tagOnly() {
    CliRun run = cli(cluster, ns, "traffic", "hub-status", "--tag", "hub-status-00001=stable");

    assertThat(run.exitCode()).as(run.toString()).isZero();
    assertThat(specTraffic())
        .containsExactly(
            TrafficPlan.latest(100L, null), TrafficPlan.pinned("hub-status-00001", 0L, "stable"));
  }

  @Test
  @DisplayName(
      "a split that does not add up to 100, an unknown revision or a bad tag changes nothing")
  void badTrafficIsRejected() {
    List<TrafficTarget> before = specTraffic();
    CliRun sum =
        cli(cluster, ns, "traffic", "hub-status", "--split", "hub-status-00001=50,@latest=40");
    CliRun unknown = cli(cluster, ns, "traffic", "hub-status", "--split", "hub-status-00009=100");
    CliRun tag = cli(cluster, ns, "traffic", "hub-status", "--tag", "@latest=Canary!");
    CliRun nothing = cli(cluster, ns, "traffic", "hub-status");

    assertThat(List.of(sum.exitCode(), unknown.exitCode(), tag.exitCode(), nothing.exitCode()))
        .containsOnly(CliFailure.USAGE);
    assertThat(sum.err()).contains("--split percentages add up to 90, not 100");
    assertThat(unknown.err())
        .contains("no revision hub-status-00009; revisions: hub-status-00001, hub-status-00002");
    assertThat(tag.err()).contains("a tag is a DNS label");
    assertThat(nothing.err()).contains("traffic needs --split");
    assertThat(specTraffic()).isEqualTo(before);
  }

  @Test
  @DisplayName("rollback sends 100% to the previous revision and keeps tags reachable at 0%")
  void rollbackToPrevious() {
    cli(cluster, ns, "traffic", "hub-status", "--tag", "@latest=canary");

    CliRun run = cli(cluster, ns, "rollback", "hub-status");

    assertThat(run.exitCode()).as(run.toString()).isZero();
    assertThat(run.out())
        .contains("rolled back hub-status to hub-status-00001 (was hub-status-00002)");
    assertThat(specTraffic())
        .containsExactly(
            TrafficPlan.pinned("hub-status-00001", 100L, null), TrafficPlan.latest(0L, "canary"));
  }

  @Test
  @DisplayName("rollback passes over a failed revision, and refuses to go to one by name")
  void failedRevisions() {
    // A revision that really fails: its Deployment cannot progress (no node) within a 2 s deadline.
    patchTemplateAnnotation(
        cluster, ns, "hub-status", "serving.knative.dev/progress-deadline", "2s");
    awaitRevision(
        cluster,
        ns,
        "hub-status",
        r -> r.getMetadata().getName().equals("hub-status-00003") && RevisionHistory.failed(r));
    deploy("reg/functions:1.3", 4);

    CliRun toFailed = cli(cluster, ns, "rollback", "hub-status", "--to", "hub-status-00003");
    CliRun unknown = cli(cluster, ns, "rollback", "hub-status", "--to", "hub-status-00042");
    CliRun run = cli(cluster, ns, "rollback", "hub-status");

    assertThat(toFailed.exitCode()).as(toFailed.toString()).isEqualTo(CliFailure.FAILED);
    assertThat(toFailed.err())
        .contains("revision hub-status-00003 failed (False); roll back to one that did not");
    assertThat(unknown.exitCode()).isEqualTo(CliFailure.USAGE);
    assertThat(unknown.err()).contains("no revision hub-status-00042 of hub-status");
    assertThat(run.exitCode()).as(run.toString()).isZero();
    assertThat(run.out())
        .contains("rolled back hub-status to hub-status-00002 (was hub-status-00004)");
  }

  private void deploy(String image, int revisions) {
    CliRun run =
        cli(
            cluster,
            ns,
            "deploy",
            "--manifests",
            CliRun.FIXTURES.toString(),
            "--function",
            "status",
            "--image",
            image,
            "--no-wait");
    assertThat(run.exitCode()).as(run.toString()).isZero();
    // The Service's status names the new revision a moment after it exists; the CLI reads @latest
    // from there.
    String latest = "hub-status-%05d".formatted(revisions);
    await()
        .atMost(KnativeOnCluster.RECONCILED)
        .until(
            () ->
                revisions(cluster, ns, "hub-status").size() == revisions
                    && service(cluster, ns, "hub-status").getStatus() != null
                    && latest.equals(
                        service(cluster, ns, "hub-status")
                            .getStatus()
                            .getLatestCreatedRevisionName()));
  }

  private List<TrafficTarget> specTraffic() {
    return service(cluster, ns, "hub-status").getSpec().getTraffic();
  }
}
