package io.soma.hub.store.memory;

import static org.assertj.core.api.Assertions.assertThat;

import io.soma.hub.store.memory.MemorySearchResult.Ranking;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MemoryStoreTest {

  private final MemoryFixture fixture = MemoryFixture.migrated();
  private final MemoryStore store = fixture.store();
  private final MemorySearch search = new MemorySearch(store, Embeddings.none());

  @Test
  void theFirstWriteCreatesAndTheNextReplaces() {
    MemoryStore.Remembered first =
        store.remember("acme", "brand:voice", "\"warm and direct\"", Map.of("owner", "ann"));
    MemoryStore.Remembered second =
        store.remember("acme", "brand:voice", "{\"tone\": \"playful\"}", Map.of("owner", "bob"));

    assertThat(first.created()).isTrue();
    assertThat(second.created()).isFalse();
    MemoryEntry recalled = store.recall("acme", "brand:voice").orElseThrow();
    assertThat(recalled.valueJson()).isEqualTo("{\"tone\":\"playful\"}");
    assertThat(recalled.metadata()).containsExactly(Map.entry("owner", "bob"));
    assertThat(recalled.updatedAt()).isAfterOrEqualTo(first.entry().updatedAt());
    assertThat(fixture.jdbc().sql("SELECT COUNT(*) FROM memory_entries").query(Long.class).single())
        .isEqualTo(1);
  }

  @Test
  void anOverwriteReplacesThePostings() {
    store.remember("acme", "note", "\"spring catalogue\"", Map.of());
    assertThat(fixture.hasPosting("acme", "note", "catalogu")).isTrue();

    store.remember("acme", "note", "\"autumn launch\"", Map.of());

    assertThat(fixture.hasPosting("acme", "note", "catalogu")).isFalse();
    assertThat(fixture.hasPosting("acme", "note", "autumn")).isTrue();
    assertThat(fixture.postings("acme", "note")).isEqualTo(3); // note, autumn, launch
    assertThat(search.search("acme", "catalogue", 5).matches()).isEmpty();
    assertThat(search.search("acme", "autumn", 5).matches())
        .extracting(m -> m.entry().key())
        .containsExactly("note");
  }

  @Test
  void theKeyValueFieldsAndMetadataAreIndexedButNotJsonLiterals() {
    store.remember(
        "acme",
        "persona:cfo",
        "{\"role\": \"finance\", \"budget\": 1200, \"active\": true, \"x\": null}",
        Map.of("team", "growth"));

    assertThat(fixture.hasPosting("acme", "persona:cfo", "persona")).isTrue();
    assertThat(fixture.hasPosting("acme", "persona:cfo", "cfo")).isTrue();
    assertThat(fixture.hasPosting("acme", "persona:cfo", "role")).isTrue();
    assertThat(fixture.hasPosting("acme", "persona:cfo", "financ")).isTrue();
    assertThat(fixture.hasPosting("acme", "persona:cfo", "1200")).isTrue();
    assertThat(fixture.hasPosting("acme", "persona:cfo", "growth")).isTrue();
    assertThat(fixture.hasPosting("acme", "persona:cfo", "true")).isFalse();
    assertThat(fixture.hasPosting("acme", "persona:cfo", "null")).isFalse();
  }

  @Test
  void anotherTenantsEntriesAreNeitherRecalledNorFound() {
    store.remember("acme", "secret", "\"launch codes for the rocket\"", Map.of());

    assertThat(store.recall("globex", "secret")).isEmpty();
    assertThat(search.search("globex", "launch rocket", 5).matches()).isEmpty();
    store.remember("globex", "secret", "\"nothing here\"", Map.of());
    assertThat(store.recall("acme", "secret").orElseThrow().valueJson()).contains("rocket");
    assertThat(search.search("acme", "launch rocket", 5).matches()).hasSize(1);
  }

  @Test
  void bm25RanksASmallCorpusAsExpected() {
    store.remember(
        "acme",
        "doc:launch-plan",
        "\"Launch plan for the autumn campaign: email, social and paid ads\"",
        Map.of());
    store.remember(
        "acme", "doc:email-copy", "\"Email copy for the autumn campaign launch\"", Map.of());
    store.remember(
        "acme",
        "doc:brand",
        "\"Brand guidelines: colours, typography and tone of voice\"",
        Map.of());
    store.remember(
        "acme", "doc:budget", "\"Quarterly budget for paid ads and sponsorships\"", Map.of());
    store.remember(
        "acme",
        "doc:retro",
        "\"Retrospective of the spring campaign: what worked, what did not\"",
        Map.of());
    store.remember(
        "acme",
        "doc:emails",
        "\"Emails, emails, emails: newsletter schedule, email templates and email deliverability\"",
        Map.of());
    store.remember("globex", "doc:other", "\"Email launch email launch email launch\"", Map.of());

    // "email" is frequent in doc:emails, but the launch documents match both terms.
    MemorySearchResult launchEmail = search.search("acme", "email launch", 3);
    assertThat(launchEmail.ranking()).isEqualTo(Ranking.LEXICAL);
    assertThat(launchEmail.fallbackReason()).isNull();
    assertThat(launchEmail.matches())
        .extracting(m -> m.entry().key())
        .containsExactly("doc:email-copy", "doc:launch-plan", "doc:emails");

    // Rare terms weigh more than common ones: "typography" only occurs in the brand guidelines.
    assertThat(search.search("acme", "campaign typography", 1).matches())
        .extracting(m -> m.entry().key())
        .containsExactly("doc:brand");

    // Stemming and stop words: "ads budgets" matches "budget" and "ads"; "the" alone matches
    // nothing.
    assertThat(search.search("acme", "the budgets of ads", 2).matches())
        .extracting(m -> m.entry().key())
        .containsExactly("doc:budget", "doc:launch-plan");
    assertThat(search.search("acme", "the", 5).matches()).isEmpty();

    List<MemoryMatch> all = search.search("acme", "campaign", 50).matches();
    assertThat(all)
        .extracting(m -> m.entry().key())
        .containsExactlyInAnyOrder("doc:launch-plan", "doc:email-copy", "doc:retro");
    assertThat(all)
        .extracting(MemoryMatch::score)
        .isSortedAccordingTo((a, b) -> Double.compare(b, a));
    assertThat(all).allSatisfy(m -> assertThat(m.score()).isPositive());
  }

  @Test
  void theLimitCutsTheRanking() {
    for (int i = 0; i < 8; i++) {
      store.remember("acme", "n" + i, "\"launch note " + "launch ".repeat(i) + "\"", Map.of());
    }

    assertThat(search.search("acme", "launch", 3).matches()).hasSize(3);
    assertThat(search.search("acme", "launch", 50).matches()).hasSize(8);
  }

  @Test
  void campaignEntriesAreThoseTaggedByMetadataOrKey() {
    store.remember("acme", "campaign:Fall_Launch", "{}", Map.of());
    store.remember("acme", "campaign:Fall_Launch:content:blog", "\"x\"", Map.of());
    store.remember("acme", "campaign:Fall_LaunchX", "\"not this one\"", Map.of());
    store.remember("acme", "campaign:FallxLaunch:a", "\"nor this: _ is no wildcard\"", Map.of());
    store.remember("acme", "idea", "\"tagged\"", Map.of("campaign", "Fall Launch"));
    store.remember("globex", "campaign:Fall_Launch", "{}", Map.of());

    List<String> keys =
        store.campaignEntries("acme", "Fall Launch", "", 10).stream()
            .map(s -> s.entry().key())
            .toList();
    assertThat(keys)
        .containsExactly("campaign:Fall_Launch", "campaign:Fall_Launch:content:blog", "idea");
    assertThat(store.campaignEntries("acme", "Fall Launch", "campaign:Fall_Launch", 1))
        .extracting(s -> s.entry().key())
        .containsExactly("campaign:Fall_Launch:content:blog");
  }

  @Test
  void campaignKeysFitTheKeyRules() {
    assertThat(MemoryKeys.campaign("Fall Launch 2026")).isEqualTo("campaign:Fall_Launch_2026");
    assertThat(MemoryKeys.artifact("fall_launch", "content_creation", "blog post #1"))
        .isEqualTo("campaign:fall_launch:content_creation:blog_post_1");
    String longest = MemoryKeys.artifact("c".repeat(200), "m".repeat(100), "a:".repeat(100));
    assertThat(longest).hasSizeLessThanOrEqualTo(MemoryKeys.MAX_KEY_CHARS);
    assertThat(MemoryKeys.valid(longest)).isTrue();
    assertThat(MemoryKeys.campaign("c".repeat(200)))
        .isNotEqualTo(MemoryKeys.campaign("c".repeat(199)));
    assertThat(MemoryKeys.valid("a/b")).isFalse();
    assertThat(MemoryKeys.valid("")).isFalse();
    assertThat(MemoryKeys.valid("x".repeat(201))).isFalse();
  }
}
