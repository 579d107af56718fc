package io.soma.hub.e2e.campaign;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.fasterxml.jackson.databind.JsonNode;
import io.soma.hub.e2e.support.JsonHttp;
import io.soma.hub.e2e.support.LocalHub;
import io.soma.hub.e2e.support.RequiresHubJars;
import io.soma.hub.e2e.support.WaitingCampaigns;
import io.soma.hub.orchestration.campaign.ApprovalDecision;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

/**
 * Decisions exactly once, on the real jars and a real Temporal dev server: with campaigns waiting
 * for approval (see {@link WaitingCampaigns}), each round sends eight decisions, approving and
 * rejecting, to one campaign at the same moment through the gateway. Exactly one is answered 202,
 * the seven others 409 naming the winner's decision, and the campaign's history holds exactly one
 * decision: the winner's.
 */
@RequiresHubJars
class CampaignDecisionRaceEndToEndTest {

  private static final int ROUNDS = 100;
  private static final int DECIDERS = 8;
  private static final String TENANT = "acme";

  // Started when the class is first used, after its conditions (@RequiresHubJars) let it run;
  // closed by JUnit.
  @AutoClose private static final LocalHub hub = LocalHub.builder().start();

  @Test
  void ofEightConcurrentDecidersExactlyOneIsAcceptedAndTheOthersAreToldWhoseDecisionCounts()
      throws Exception {
    long begin = System.nanoTime();
    JsonHttp marketer =
        hub.gateway().as(hub.tokens().mint(TENANT, "ann", "wizards:write", "campaigns:write"));
    List<String> campaigns = WaitingCampaigns.start(hub, marketer, TENANT, ROUNDS);
    long prepared = System.nanoTime();

    int accepted = 0;
    int conflicts = 0;
    ExecutorService deciders = Executors.newFixedThreadPool(DECIDERS);
    try {
      for (int round = 0; round < ROUNDS; round++) {
        String campaignId = campaigns.get(round);
        List<JsonHttp.Response> answers = decideAtOnce(deciders, round, campaignId);

        List<JsonHttp.Response> winners = answers.stream().filter(a -> a.status() == 202).toList();
        assertThat(winners).as("round %d: %s", round, answers).hasSize(1);
        String winner = winners.get(0).json().get("decided_by").asText();
        String outcome =
            winners.get(0).json().get("approved").asBoolean() ? "approved" : "rejected";
        for (JsonHttp.Response refused : answers.stream().filter(a -> a.status() != 202).toList()) {
          assertThat(refused.status()).as("round %d: %s", round, refused).isEqualTo(409);
          assertThat(refused.header("Content-Type"))
              .hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
          JsonNode problem = refused.json();
          assertThat(problem.get("detail").asText())
              .isEqualTo("campaign " + campaignId + " is already " + outcome + " by " + winner);
          assertThat(problem.get("approval").asText()).isEqualTo(outcome);
          assertThat(problem.get("decided_by").asText()).isEqualTo(winner);
        }
        assertThat(hub.workflows().campaignDecisions(campaignId))
            .as("round %d: the decisions in the campaign's history", round)
            .extracting(ApprovalDecision::outcome, ApprovalDecision::decidedBy)
            .containsExactly(tuple(outcome, winner));
        accepted += winners.size();
        conflicts += answers.size() - winners.size();
      }
    } finally {
      deciders.shutdownNow();
    }

    long end = System.nanoTime();
    System.out.printf(
        "Decision race: %d rounds x %d deciders: %d answered 202, %d answered 409; %d campaigns brought to their"
            + " approval wait in %d s, the rounds took %d s, %d s in all%n",
        ROUNDS,
        DECIDERS,
        accepted,
        conflicts,
        campaigns.size(),
        TimeUnit.NANOSECONDS.toSeconds(prepared - begin),
        TimeUnit.NANOSECONDS.toSeconds(end - prepared),
        TimeUnit.NANOSECONDS.toSeconds(end - begin));
    assertThat(accepted).isEqualTo(ROUNDS);
    assertThat(conflicts).isEqualTo(ROUNDS * (DECIDERS - 1));
  }

  /**
   * The round's deciders, each its own user, half approving and half rejecting, released together.
   */
  private static List<JsonHttp.Response> decideAtOnce(
      ExecutorService deciders, int round, String campaignId) throws Exception {
    CountDownLatch go = new CountDownLatch(1);
    List<Future<JsonHttp.Response>> sent = new ArrayList<>();
    for (int i = 0; i < DECIDERS; i++) {
      JsonHttp decider =
          hub.gateway()
              .as(hub.tokens().mint(TENANT, "decider-" + round + "-" + i, "campaigns:write"));
      Map<String, Object> decision =
          Map.of("approved", i % 2 == 0, "comment", "decider " + i + " of round " + round);
      sent.add(
          deciders.submit(
              () -> {
                go.await();
                return decider.post("/v1/campaigns/" + campaignId + "/approval", decision);
              }));
    }
    go.countDown();
    List<JsonHttp.Response> answers = new ArrayList<>();
    for (Future<JsonHttp.Response> answer : sent) {
      answers.add(answer.get(60, TimeUnit.SECONDS));
    }
    return answers;
  }
}
