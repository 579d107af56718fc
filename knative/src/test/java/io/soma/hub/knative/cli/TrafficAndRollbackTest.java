package io.soma.hub.knative.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.knative.client.KnativeClient;
import io.fabric8.knative.serving.v1.TrafficTarget;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@EnableKubernetesMockClient(crud = true)
class TrafficAndRollbackTest {

  KnativeClient client;
  FakeServingController controller;

  @BeforeEach
  void twoRevisions() {
    controller = FakeServingController.start(client, "hub");
    deploy("reg/functions:1.0");
    deploy("reg/functions:1.1");
  }

  @AfterEach
  void stopController() {
    controller.close();
  }

  @Test
  @DisplayName("traffic --split with --tag writes the spec's traffic list for a canary")
  void canarySplit() {
    CliRun run = CliRun.run(client, "traffic", "hub-status", "--split", "hub-status-00001=90,@latest=10", "--tag",
        "@latest=canary", "--timeout", "10s");

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(specTraffic()).containsExactly(TrafficPlan.pinned("hub-status-00001", 90L, null),
        TrafficPlan.latest(10L, "canary"));
    assertThat(run.out()).isEqualTo("traffic of hub-status: 90% hub-status-00001, "
        + "10% @latest (hub-status-00002) #canary\n");
  }

  @Test
  @DisplayName("traffic --tag alone keeps the percentages and reaches the tagged revision at 0%")
  void tagOnly() {
    CliRun run = CliRun.run(client, "traffic", "hub-status", "--tag", "hub-status-00001=stable", "--timeout", "10s");

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(specTraffic()).containsExactly(TrafficPlan.latest(100L, null),
        TrafficPlan.pinned("hub-status-00001", 0L, "stable"));
  }

  @Test
  @DisplayName("a split that does not add up to 100, an unknown revision or a bad tag changes nothing")
  void badTrafficIsRejected() {
    CliRun sum = CliRun.run(client, "traffic", "hub-status", "--split", "hub-status-00001=50,@latest=40");
    CliRun unknown = CliRun.run(client, "traffic", "hub-status", "--split", "hub-status-00009=100");
    CliRun tag = CliRun.run(client, "traffic", "hub-status", "--tag", "@latest=Canary!");
    CliRun nothing = CliRun.run(client, "traffic", "hub-status");

    assertThat(List.of(sum.exitCode(), unknown.exitCode(), tag.exitCode(), nothing.exitCode()))
        .containsOnly(CliFailure.USAGE);
    assertThat(sum.err()).contains("--split percentages add up to 90, not 100");
    assertThat(unknown.err()).contains("no revision hub-status-00009; revisions: hub-status-00001, hub-status-00002");
    assertThat(tag.err()).contains("a tag is a DNS label");
    assertThat(nothing.err()).contains("traffic needs --split");
    assertThat(specTraffic()).isNullOrEmpty();
  }

  @Test
  @DisplayName("rollback sends 100% to the previous ready revision and keeps tags reachable")
  void rollbackToPrevious() {
    CliRun.run(client, "traffic", "hub-status", "--tag", "@latest=canary", "--timeout", "10s");

    CliRun run = CliRun.run(client, "rollback", "hub-status", "--timeout", "10s");

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out()).contains("rolled back hub-status to hub-status-00001 (was hub-status-00002): "
        + "100% hub-status-00001, 0% @latest (hub-status-00002) #canary");
    assertThat(specTraffic()).containsExactly(TrafficPlan.pinned("hub-status-00001", 100L, null),
        TrafficPlan.latest(0L, "canary"));
  }

  @Test
  @DisplayName("rollback skips a revision that never became ready")
  void rollbackSkipsFailedRevision() {
    assertThat(deployExitCode("reg/broken:1.2")).isEqualTo(1);
    deploy("reg/functions:1.3");

    CliRun run = CliRun.run(client, "rollback", "hub-status", "--timeout", "10s");

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out()).contains("rolled back hub-status to hub-status-00002 (was hub-status-00004)");
  }

  @Test
  @DisplayName("rollback --to a named revision, and to unknown or failed ones")
  void rollbackTo() {
    assertThat(deployExitCode("reg/broken:1.2")).isEqualTo(1);
    CliRun to = CliRun.run(client, "rollback", "hub-status", "--to", "hub-status-00001", "--timeout", "10s");
    CliRun unknown = CliRun.run(client, "rollback", "hub-status", "--to", "hub-status-00042");
    CliRun failed = CliRun.run(client, "rollback", "hub-status", "--to", "hub-status-00003");

    assertThat(to.exitCode()).as(to.err()).isZero();
    assertThat(specTraffic()).containsExactly(TrafficPlan.pinned("hub-status-00001", 100L, null));
    assertThat(unknown.exitCode()).isEqualTo(CliFailure.USAGE);
    assertThat(unknown.err()).contains("no revision hub-status-00042 of hub-status");
    assertThat(failed.exitCode()).isEqualTo(CliFailure.FAILED);
    assertThat(failed.err()).contains("revision hub-status-00003 is not Ready (False)");
  }

  @Test
  @DisplayName("rollback of the first revision has nothing to go back to")
  void nothingToRollBackTo() {
    CliRun.run(client, "rollback", "hub-status", "--to", "hub-status-00001", "--timeout", "10s");

    CliRun run = CliRun.run(client, "rollback", "hub-status");

    assertThat(run.exitCode()).isEqualTo(CliFailure.FAILED);
    assertThat(run.err()).contains("no Ready revision of hub-status older than hub-status-00001 to roll back to");
  }

  private List<TrafficTarget> specTraffic() {
    return client.services().inNamespace("hub").withName("hub-status").get().getSpec().getTraffic();
  }

  private void deploy(String image) {
    assertThat(deployExitCode(image)).isZero();
  }

  private int deployExitCode(String image) {
    return CliRun.run(client, "deploy", "--function", "status", "--image", image, "--timeout", "10s").exitCode();
  }
}
