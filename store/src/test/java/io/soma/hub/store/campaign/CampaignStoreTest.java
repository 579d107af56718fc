package io.soma.hub.store.campaign;

import static org.assertj.core.api.Assertions.assertThat;

import io.soma.hub.store.EmbeddedStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

class CampaignStoreTest {

  private final JdbcClient jdbc = EmbeddedStore.migrated();
  private final Clock clock = Clock.systemUTC();

  @Test
  void aCampaignsAnalyticsAreRecordedOnce() {
    CampaignAnalytics analytics = new CampaignAnalytics(jdbc, clock);

    assertThat(analytics.recordOnce("camp-1", "acme", "Spring Launch")).isTrue();
    assertThat(analytics.recordOnce("camp-1", "acme", "Spring Launch")).isFalse();

    assertThat(analytics.find("camp-1"))
        .hasValueSatisfying(r -> assertThat(r.campaignName()).isEqualTo("Spring Launch"));
    assertThat(analytics.recordedSince(Instant.now().minus(Duration.ofDays(7))))
        .extracting(CampaignAnalytics.Recorded::campaignId)
        .containsExactly("camp-1");
    assertThat(analytics.recordedSince(Instant.now().plus(Duration.ofMinutes(1)))).isEmpty();
  }

  @Test
  void artifactsKeepTheirFirstContentAndAreSearchedWithinTheTenant() {
    CampaignArtifacts artifacts = new CampaignArtifacts(jdbc, clock);

    assertThat(
            artifacts.record(
                "camp-1", "acme", "Spring", "content_creation", "headline", "Spring is here"))
        .isTrue();
    assertThat(
            artifacts.record("camp-1", "acme", "Spring", "content_creation", "headline", "other"))
        .isFalse();
    artifacts.record("camp-2", "acme", "Autumn", "content_creation", "headline", "Autumn leaves");
    artifacts.record("camp-3", "globex", "Spring", "content_creation", "headline", "Spring too");

    assertThat(artifacts.ofModule("camp-1", "content_creation"))
        .extracting(CampaignArtifacts.Artifact::content)
        .containsExactly("Spring is here");
    assertThat(artifacts.search("acme", "camp-9", "SPRING", 10))
        .extracting(CampaignArtifacts.Artifact::campaignId)
        .containsExactly("camp-1");
    assertThat(artifacts.search("acme", "camp-1", "spring", 10)).isEmpty();
    assertThat(artifacts.deleteModule("camp-1", "content_creation")).isEqualTo(1);
    assertThat(artifacts.ofCampaign("camp-1")).isEmpty();
  }

  @Test
  void aToolRequestIsRecordedOnceAndAnsweredLater() {
    ToolRequests requests = new ToolRequests(jdbc, clock);

    assertThat(
            requests.recordRequest(
                "camp-1:t1", "acme", "camp-1", "slack", "slack.send_message", true, "{}"))
        .isTrue();
    assertThat(
            requests.recordRequest(
                "camp-1:t1", "acme", "camp-1", "slack", "slack.send_message", true, "{}"))
        .isFalse();
    assertThat(requests.find("camp-1:t1"))
        .hasValueSatisfying(r -> assertThat(r.answered()).isFalse());

    requests.recordResponse("camp-1:t1", "{\"ok\":true}");

    assertThat(requests.ofCampaign("camp-1"))
        .singleElement()
        .satisfies(
            r -> {
              assertThat(r.dryRun()).isTrue();
              assertThat(r.response()).isEqualTo("{\"ok\":true}");
            });
  }
}
