package io.soma.hub.orchestration.memory;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.soma.hub.store.memory.Embeddings;
import io.soma.hub.store.memory.MemoryEntry;
import io.soma.hub.store.memory.MemorySearch;
import io.soma.hub.store.memory.OpenAiEmbeddings;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.testing.TestWorkflowExtension;
import io.temporal.worker.Worker;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class MemoryRefreshWorkflowTest {

  @RegisterExtension
  static final TestWorkflowExtension testWorkflow =
      TestWorkflowExtension.newBuilder()
          .registerWorkflowImplementationTypes(MemoryRefreshWorkflowImpl.class)
          .setDoNotStart(true)
          .build();

  @RegisterExtension
  static final WireMockExtension provider =
      WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  private final MemoryStoreFixture fixture = MemoryStoreFixture.migrated();

  private void campaignArtifacts() {
    fixture.artifact(
        "acme",
        "camp-1",
        "Fall Launch",
        "content_creation",
        "blog post",
        "Autumn is here: meet the new trail shoes");
    fixture.artifact(
        "acme",
        "camp-1",
        "Fall Launch",
        "design_assets",
        "hero-banner",
        "{\"url\": \"https://cdn.example/hero.png\", \"alt\": \"runner on a mountain trail\"}");
    fixture.artifact(
        "acme", "camp-1", "Fall Launch", "distribution", "newsletter", "Sent to 12000 subscribers");
    fixture.artifact(
        "acme", "camp-2", "Spring Sale", "content_creation", "blog post", "Spring discounts");
    fixture.artifact(
        "globex",
        "camp-9",
        "Fall Launch",
        "content_creation",
        "blog post",
        "Another tenant's post");
  }

  private Embeddings offlineEmbeddings() {
    return Embeddings.none();
  }

  @Test
  void remembersTheArtifactsUnderTheCampaignKeyAndReindexesItsEntries(
      TestWorkflowEnvironment env, Worker worker, WorkflowClient client, WorkflowOptions options) {
    worker.registerActivitiesImplementations(fixture.activities(offlineEmbeddings()));
    env.start();
    campaignArtifacts();
    fixture
        .store()
        .remember(
            "acme", "idea:hashtags", "[\"#fall\", \"#trail\"]", Map.of("campaign", "Fall Launch"));
    fixture.store().remember("acme", "unrelated", "\"trail maps\"", Map.of());

    MemoryRefreshResult result =
        MemoryRefreshes.run(client, options, "acme", "Fall Launch", false, "run-1");

    assertThat(result.artifactsRemembered()).isEqualTo(3);
    assertThat(result.artifactsUnchanged()).isZero();
    // Everything was indexed when written: nothing is stale, the 5 campaign entries are examined
    // and skipped.
    assertThat(result.entriesReindexed()).isZero();
    assertThat(result.entriesUnchanged()).isEqualTo(5);
    assertThat(result.entriesEmbedded()).isZero();
    assertThat(result.embeddingsError()).isNull();

    MemoryEntry blog =
        fixture
            .store()
            .recall("acme", "campaign:Fall_Launch:content_creation:blog_post")
            .orElseThrow();
    assertThat(blog.valueJson()).isEqualTo("\"Autumn is here: meet the new trail shoes\"");
    assertThat(blog.metadata())
        .containsEntry("campaign", "Fall Launch")
        .containsEntry("module", "content_creation")
        .containsEntry("artifact", "blog post");
    MemoryEntry banner =
        fixture
            .store()
            .recall("acme", "campaign:Fall_Launch:design_assets:hero-banner")
            .orElseThrow();
    assertThat(banner.valueJson()).startsWith("{\"url\":");

    MemoryEntry summary = fixture.store().recall("acme", "campaign:Fall_Launch").orElseThrow();
    assertThat(summary.valueJson())
        .contains(
            "\"campaign\":\"Fall Launch\"",
            "\"artifact_count\":3",
            "campaign:Fall_Launch:distribution:newsletter")
        .doesNotContain("Spring");
    assertThat(summary.metadata()).containsEntry("campaign", "Fall Launch");

    assertThat(fixture.store().recall("globex", "campaign:Fall_Launch:content_creation:blog_post"))
        .as("the other tenant's campaign of the same name is not refreshed")
        .isEmpty();
  }

  @Test
  void aRepeatRunChangesNothingAndForceReindexesEverything(
      TestWorkflowEnvironment env, Worker worker, WorkflowClient client, WorkflowOptions options) {
    worker.registerActivitiesImplementations(fixture.activities(offlineEmbeddings()));
    env.start();
    campaignArtifacts();
    fixture
        .store()
        .remember("acme", "idea:hashtags", "[\"#fall\"]", Map.of("campaign", "Fall Launch"));
    MemoryRefreshes.run(client, options, "acme", "Fall Launch", false, "run-1");

    MemoryRefreshResult repeat =
        MemoryRefreshes.run(client, options, "acme", "Fall Launch", false, "run-2");
    assertThat(repeat.artifactsRemembered()).isZero();
    assertThat(repeat.artifactsUnchanged()).isEqualTo(3);
    assertThat(repeat.entriesReindexed()).isZero();
    assertThat(repeat.entriesUnchanged()).isEqualTo(5);

    fixture.staleIndex("acme", "idea:hashtags");
    MemoryRefreshResult afterTokenizerChange =
        MemoryRefreshes.run(client, options, "acme", "Fall Launch", false, "run-3");
    assertThat(afterTokenizerChange.entriesReindexed()).isEqualTo(1);

    fixture.artifact(
        "acme", "camp-1", "Fall Launch", "distribution", "social", "Posted on three channels");
    MemoryRefreshResult newArtifact =
        MemoryRefreshes.run(client, options, "acme", "Fall Launch", false, "run-4");
    assertThat(newArtifact.artifactsRemembered()).isEqualTo(1);
    assertThat(newArtifact.artifactsUnchanged()).isEqualTo(3);
    assertThat(fixture.store().recall("acme", "campaign:Fall_Launch").orElseThrow().valueJson())
        .contains("\"artifact_count\":4");

    MemoryRefreshResult forced =
        MemoryRefreshes.run(client, options, "acme", "Fall Launch", true, "run-5");
    assertThat(forced.artifactsRemembered()).isEqualTo(4);
    assertThat(forced.entriesReindexed()).isEqualTo(6);
    assertThat(forced.entriesUnchanged()).isZero();

    // The index is still correct after all of it: artifacts are searchable, once each.
    var matches =
        new MemorySearch(fixture.store(), Embeddings.none())
            .search("acme", "trail shoes", 5)
            .matches();
    assertThat(matches)
        .extracting(m -> m.entry().key())
        .first()
        .isEqualTo("campaign:Fall_Launch:content_creation:blog_post");
  }

  @Test
  void theSummaryKeepsWhatTheCampaignRememberedUnderItsKey(
      TestWorkflowEnvironment env, Worker worker, WorkflowClient client, WorkflowOptions options) {
    worker.registerActivitiesImplementations(fixture.activities(offlineEmbeddings()));
    env.start();
    campaignArtifacts();
    fixture
        .store()
        .remember(
            "acme",
            "campaign:Fall_Launch",
            "{\"launch_date\": \"2026-10-01\"}",
            Map.of("channels", "email,social"));

    MemoryRefreshes.run(client, options, "acme", "Fall Launch", false, "run-1");

    MemoryEntry summary = fixture.store().recall("acme", "campaign:Fall_Launch").orElseThrow();
    assertThat(summary.valueJson())
        .contains("\"launch_date\":\"2026-10-01\"", "\"artifact_count\":3");
    assertThat(summary.metadata())
        .containsEntry("channels", "email,social")
        .containsEntry("campaign", "Fall Launch");
  }

  @Test
  void aCampaignWithoutArtifactsOrEntriesRefreshesToNothing(
      TestWorkflowEnvironment env, Worker worker, WorkflowClient client, WorkflowOptions options) {
    worker.registerActivitiesImplementations(fixture.activities(offlineEmbeddings()));
    env.start();

    MemoryRefreshResult result =
        MemoryRefreshes.run(client, options, "acme", "Nothing Yet", true, "run-1");

    assertThat(result)
        .isEqualTo(new MemoryRefreshResult("acme", "Nothing Yet", true, 0, 0, 0, 0, 0, null));
    assertThat(fixture.store().recall("acme", "campaign:Nothing_Yet")).isEmpty();
  }

  @Test
  void withAProviderTheEntriesAreEmbeddedOnceAndAgainWithForce(
      TestWorkflowEnvironment env, Worker worker, WorkflowClient client, WorkflowOptions options) {
    provider.stubFor(
        post(urlEqualTo("/v1/embeddings"))
            .willReturn(
                aResponse()
                    .withHeader("Content-Type", "application/json")
                    .withBody(
                        "{\"data\":["
                            + "{\"embedding\":[1,0]},".repeat(4)
                            + "{\"embedding\":[0,1]}]}")));
    worker.registerActivitiesImplementations(
        fixture.activities(
            new OpenAiEmbeddings(
                provider.baseUrl(), "embed-1", "k", Duration.ofSeconds(2), Duration.ofSeconds(5))));
    env.start();
    campaignArtifacts(); // 3 artifacts + the summary, and one tagged entry: 5 entries

    fixture
        .store()
        .remember("acme", "idea:hashtags", "[\"#fall\"]", Map.of("campaign", "Fall Launch"));
    MemoryRefreshResult first =
        MemoryRefreshes.run(client, options, "acme", "Fall Launch", false, "run-1");
    assertThat(first.entriesEmbedded()).isEqualTo(5);
    provider.verify(1, postRequestedFor(urlEqualTo("/v1/embeddings")));

    MemoryRefreshResult repeat =
        MemoryRefreshes.run(client, options, "acme", "Fall Launch", false, "run-2");
    assertThat(repeat.entriesEmbedded()).isZero();
    provider.verify(1, postRequestedFor(urlEqualTo("/v1/embeddings")));

    MemoryRefreshResult forced =
        MemoryRefreshes.run(client, options, "acme", "Fall Launch", true, "run-3");
    assertThat(forced.entriesEmbedded()).isEqualTo(5);
  }

  @Test
  void aRejectingProviderStopsEmbeddingButNotTheRefresh(
      TestWorkflowEnvironment env, Worker worker, WorkflowClient client, WorkflowOptions options) {
    provider.stubFor(
        post(urlEqualTo("/v1/embeddings"))
            .willReturn(aResponse().withStatus(401).withBody("bad key")));
    worker.registerActivitiesImplementations(
        fixture.activities(
            new OpenAiEmbeddings(
                provider.baseUrl(), "embed-1", "k", Duration.ofSeconds(2), Duration.ofSeconds(5))));
    env.start();
    campaignArtifacts();

    MemoryRefreshResult result =
        MemoryRefreshes.run(client, options, "acme", "Fall Launch", false, "run-1");

    assertThat(result.artifactsRemembered()).isEqualTo(3);
    assertThat(result.entriesEmbedded()).isZero();
    assertThat(result.embeddingsError()).contains("HTTP 401").contains("bad key");
    provider.verify(1, postRequestedFor(urlEqualTo("/v1/embeddings")));
  }
}
