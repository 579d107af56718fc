package io.soma.hub.e2e.campaign;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.soma.hub.e2e.support.ClusterLikeHub;
import io.soma.hub.e2e.support.JsonHttp;
import io.soma.hub.e2e.support.OpenAiModelStub;
import io.soma.hub.e2e.support.RequiresHubJars;
import io.soma.hub.e2e.support.WizardCalls;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Campaigns and memory on the store a cluster runs, PostgreSQL, with content written by an
 * OpenAI-compatible provider (WireMock): the memory SQL (upsert, inverted index, BM25 ranking) and
 * the campaign tables on the real database, not only on H2's PostgreSQL mode.
 */
@RequiresHubJars
class CampaignOnPostgresEndToEndTest {

  private static ClusterLikeHub cluster;

  @BeforeAll
  static void startTheHub() {
    cluster =
        ClusterLikeHub.start(OpenAiModelStub.start("e2e-writer"), "e2e-writer", "sk-e2e-campaign");
  }

  @AfterAll
  static void stopTheHub() {
    if (cluster != null) {
      cluster.close();
    }
  }

  @Test
  void memoryIsRankedAndKeptPerTenant() {
    JsonHttp ann = caller("acme", "ann", "memory:write", "memory:read");
    JsonHttp eve = caller("globex", "eve", "memory:write", "memory:read");
    remember(
        ann, "note:espresso", "The espresso machine launch targets home baristas in spring.", 201);
    remember(ann, "note:tea", "Our tea subscription renews every month.", 201);
    remember(ann, "note:grinder", "Grinder reviews praise the burr grinder for espresso.", 201);
    remember(ann, "note:tea", "Our tea subscription renews every quarter.", 200);
    remember(eve, "note:espresso", "Globex sells espresso launch kits.", 201);

    JsonNode found =
        ann.post("/v1/memory/search", Map.of("query", "espresso launch", "limit", 3)).json();

    assertThat(found.get("ranking").asText()).isEqualTo("lexical");
    assertThat(found.get("matches").findValuesAsText("key"))
        .startsWith("note:espresso")
        .doesNotContain("note:tea");
    assertThat(found.at("/matches/0/value").asText()).contains("home baristas");
    assertThat(ann.get("/v1/memory/note:tea").json().get("value").asText())
        .endsWith("every quarter.");
    assertThat(eve.get("/v1/memory/note:grinder").status()).isEqualTo(404);
  }

  @Test
  void aCampaignWithoutApprovalCompletesAndItsMemoryRefreshes() {
    String name = "Autumn " + UUID.randomUUID().toString().substring(0, 8);
    JsonHttp ann =
        caller("acme", "ann", "wizards:write", "campaigns:write", "memory:read", "memory:refresh");
    String wizardId = WizardCalls.start(ann);
    WizardCalls.answerAll(ann, wizardId, List.copyOf(WizardCalls.answers(name, false).values()));
    String campaignId = WizardCalls.approve(ann, wizardId);

    JsonNode done =
        WizardCalls.awaitCampaign(
            ann,
            campaignId,
            Duration.ofMinutes(3),
            view -> !view.get("phase").asText().equals("running"));

    assertThat(done.get("phase").asText()).as(done.toString()).isEqualTo("completed");
    assertThat(done.at("/approval/state").asText()).isEqualTo("not_required");
    assertThat(cluster.model().calls()).as("content written by the provider").isNotEmpty();
    assertThat(cluster.store().analyticsRowsOf(campaignId)).containsExactly(name);
    JsonHttp.Response refresh =
        ann.header("Idempotency-Key", "run-" + campaignId)
            .post("/v1/memory/refresh", Map.of("campaign", name));
    assertThat(refresh.status()).as(refresh.toString()).isEqualTo(202);
    String key = "campaign:" + name.replace(' ', '_');
    await().atMost(Duration.ofMinutes(1)).until(() -> ann.get("/v1/memory/" + key).status() == 200);
    JsonNode summary = ann.get("/v1/memory/" + key).json();
    assertThat(summary.at("/value/artifact_count").asInt()).as(summary.toString()).isPositive();
    JsonNode search = ann.post("/v1/memory/search", Map.of("query", name)).json();
    assertThat(search.get("matches").findValuesAsText("key"))
        .anyMatch(found -> found.startsWith(key));
  }

  private static void remember(JsonHttp caller, String key, String value, int status) {
    JsonHttp.Response response = caller.post("/v1/memory", Map.of("key", key, "value", value));
    assertThat(response.status()).as(response.toString()).isEqualTo(status);
  }

  private static JsonHttp caller(String tenant, String subject, String... capabilities) {
    return cluster.hub().gateway().as(cluster.hub().tokens().mint(tenant, subject, capabilities));
  }
}
