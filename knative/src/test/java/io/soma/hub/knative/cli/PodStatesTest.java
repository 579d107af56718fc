package io.soma.hub.knative.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import java.util.List;
import org.junit.jupiter.api.Test;

class PodStatesTest {

  @Test
  void saysWhyEachPodIsNotDone() {
    Pod pulling =
        new PodBuilder()
            .withNewMetadata()
            .withName("hub-migrate-abc")
            .endMetadata()
            .withNewStatus()
            .withPhase("Pending")
            .addNewContainerStatus()
            .withName("migrate")
            .withRestartCount(0)
            .withNewState()
            .withNewWaiting()
            .withReason("ErrImageNeverPull")
            .withMessage("image dev.local/x:dev is not present")
            .endWaiting()
            .endState()
            .endContainerStatus()
            .endStatus()
            .build();
    Pod unscheduled =
        new PodBuilder()
            .withNewMetadata()
            .withName("hub-migrate-def")
            .endMetadata()
            .withNewStatus()
            .withPhase("Pending")
            .addNewCondition()
            .withType("PodScheduled")
            .withStatus("False")
            .withReason("Unschedulable")
            .withMessage("0/1 nodes are available")
            .endCondition()
            .endStatus()
            .build();
    Pod crashing =
        new PodBuilder()
            .withNewMetadata()
            .withName("hub-migrate-ghi")
            .endMetadata()
            .withNewStatus()
            .withPhase("Running")
            .addNewContainerStatus()
            .withName("migrate")
            .withRestartCount(3)
            .withNewState()
            .withNewWaiting()
            .withReason("CrashLoopBackOff")
            .endWaiting()
            .endState()
            .withNewLastState()
            .withNewTerminated()
            .withExitCode(1)
            .withReason("Error")
            .endTerminated()
            .endLastState()
            .endContainerStatus()
            .endStatus()
            .build();

    assertThat(PodStates.describe(List.of(pulling, unscheduled, crashing)))
        .isEqualTo(
            "pod hub-migrate-abc: Pending, container migrate waiting: ErrImageNeverPull (image dev.local/x:dev is not"
                + " present); pod hub-migrate-def: Pending, not scheduled (Unschedulable: 0/1 nodes are available);"
                + " pod hub-migrate-ghi: Running, container migrate waiting: CrashLoopBackOff after 3 restarts,"
                + " last exited 1 (Error)");
    assertThat(PodStates.describe(List.of())).isEqualTo("no pod was created for it");
  }
}
