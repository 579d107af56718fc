package io.soma.hub.worker.events;

import static org.assertj.core.api.Assertions.assertThat;

import io.soma.hub.orchestration.campaign.MarketingCampaignWorkflowImpl;
import io.soma.hub.orchestration.memory.MemoryRefreshWorkflowImpl;
import io.soma.hub.orchestration.session.SessionWorkflowImpl;
import io.soma.hub.orchestration.wizard.WizardWorkflowImpl;
import io.temporal.common.WorkflowExecutionHistory;
import io.temporal.testing.WorkflowReplayer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Determinism guard for the publishing path: histories of executions that published events
 * (recorded by {@link WorkerEventsTest} on a real broker with {@code -Dhub.recordHistories=true})
 * replay on the current workflows. The workflows are registered as a worker without Kafka would:
 * the recorded side effect decides.
 */
class PublishingHistoriesReplayTest {

  static final Path DIRECTORY = Path.of("src/test/resources/histories/events");

  @Test
  void everyCommittedPublishingHistoryReplays() throws Exception {
    List<Path> histories;
    try (Stream<Path> files = Files.list(DIRECTORY)) {
      histories = files.filter(f -> f.toString().endsWith(".json")).sorted().toList();
    }
    assertThat(histories)
        .extracting(f -> f.getFileName().toString())
        .contains(
            "session-completed.json",
            "session-failed.json",
            "wizard-approved.json",
            "campaign-approved.json",
            "campaign-rejected.json",
            "memory-refresh.json");
    for (Path file : histories) {
      WorkflowExecutionHistory history =
          WorkflowExecutionHistory.fromJson(Files.readString(file, StandardCharsets.UTF_8));
      assertThat(history.toJson(false)).as(file.toString()).contains("publish-hub-event");
      replay(history);
    }
  }

  static void replay(WorkflowExecutionHistory history) throws Exception {
    WorkflowReplayer.replayWorkflowExecution(
        history,
        SessionWorkflowImpl.class,
        WizardWorkflowImpl.class,
        MarketingCampaignWorkflowImpl.class,
        MemoryRefreshWorkflowImpl.class);
  }
}
