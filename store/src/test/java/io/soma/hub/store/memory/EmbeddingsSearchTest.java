package io.soma.hub.store.memory;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.extension.ResponseTransformerV2;
import com.github.tomakehurst.wiremock.http.Response;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import io.soma.hub.store.memory.MemorySearchResult.Ranking;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Search by embeddings against an OpenAI-compatible endpoint played by WireMock. Its vectors are a
 * tiny bag of topics (rocket, cake, ocean), so which entry is nearest to which query is known in
 * advance, and it shares no words with the query where that matters: only embeddings can find it.
 */
class EmbeddingsSearchTest {

  private static final String EMBEDDINGS = "/v1/embeddings";

  @RegisterExtension
  static final WireMockExtension provider =
      WireMockExtension.newInstance()
          .options(wireMockConfig().dynamicPort().extensions(new TopicVectors()))
          .build();

  private final MemoryFixture fixture = MemoryFixture.migrated();
  private final MemoryStore store = fixture.store();

  private OpenAiEmbeddings embeddings() {
    return new OpenAiEmbeddings(
        provider.baseUrl() + "/v1/",
        "topic-embed-1",
        "sk-test",
        Duration.ofSeconds(2),
        Duration.ofSeconds(5));
  }

  private void answerWithTopicVectors() {
    provider.stubFor(
        post(urlEqualTo(EMBEDDINGS)).willReturn(aResponse().withTransformers(TopicVectors.NAME)));
  }

  @Test
  void ranksByCosineSimilarityAndSendsTheOpenAiRequestShape() {
    answerWithTopicVectors();
    MemorySearch search = new MemorySearch(store, embeddings());
    store.remember("acme", "launch", "\"The spacecraft lifts off from the pad\"", Map.of());
    store.remember("acme", "party", "\"Birthday cake with candles\"", Map.of());
    store.remember("acme", "beach", "\"Waves and tides of the sea\"", Map.of());
    store.remember("globex", "their-rocket", "\"rocket rocket rocket\"", Map.of());

    MemorySearchResult result = search.search("acme", "rocket", 2);

    assertThat(result.ranking()).isEqualTo(Ranking.EMBEDDINGS);
    assertThat(result.fallbackReason()).isNull();
    assertThat(result.matches()).extracting(m -> m.entry().key()).first().isEqualTo("launch");
    assertThat(result.matches()).hasSize(2);
    assertThat(result.matches().get(0).score()).isGreaterThan(0.9);
    provider.verify(
        postRequestedFor(urlEqualTo(EMBEDDINGS))
            .withHeader("Authorization", equalTo("Bearer sk-test"))
            .withHeader("Content-Type", equalTo("application/json"))
            .withRequestBody(matchingJsonPath("$.model", equalTo("topic-embed-1")))
            .withRequestBody(matchingJsonPath("$.input[0]", equalTo("rocket"))));
    // The three entries were embedded together with the query (catch-up), once; the other tenant's
    // never.
    assertThat(provider.getAllServeEvents()).hasSize(1);
    assertThat(provider.getAllServeEvents().get(0).getRequest().getBodyAsString())
        .doesNotContain("their-rocket");

    MemorySearchResult again = search.search("acme", "sea", 1);
    assertThat(again.matches()).extracting(m -> m.entry().key()).containsExactly("beach");
    assertThat(provider.getAllServeEvents().get(0).getRequest().getBodyAsString())
        .as("the second search embeds the query alone")
        .isEqualTo("{\"model\":\"topic-embed-1\",\"input\":[\"sea\"]}");
  }

  @Test
  void anEntryIsEmbeddedWhenWrittenAndAgainWhenItChanges() {
    answerWithTopicVectors();
    OpenAiEmbeddings embeddings = embeddings();
    MemorySearch search = new MemorySearch(store, embeddings);

    search.embedQuietly("acme", store.remember("acme", "k", "\"cake\"", Map.of()));
    assertThat(store.lackingEmbedding("acme", "topic-embed-1", 10)).isEmpty();

    store.remember("acme", "k", "\"ocean\"", Map.of());
    assertThat(store.lackingEmbedding("acme", "topic-embed-1", 10))
        .extracting(s -> s.entry().key())
        .containsExactly("k");
    assertThat(store.lackingEmbedding("acme", "another-model", 10)).hasSize(1);
    assertThat(search.search("acme", "sea", 1).matches())
        .extracting(m -> m.entry().key())
        .containsExactly("k");
  }

  @Test
  void aFailingProviderFallsBackToLexicalAndSaysSo() {
    provider.stubFor(
        post(urlEqualTo(EMBEDDINGS))
            .willReturn(aResponse().withStatus(503).withBody("overloaded")));
    MemorySearch search = new MemorySearch(store, embeddings());
    store.remember("acme", "launch", "\"rocket launch checklist\"", Map.of());
    store.remember("acme", "party", "\"birthday cake\"", Map.of());

    MemorySearchResult result = search.search("acme", "rocket", 5);

    assertThat(result.ranking()).isEqualTo(Ranking.LEXICAL);
    assertThat(result.fallbackReason()).contains("HTTP 503").contains("overloaded");
    assertThat(result.matches()).extracting(m -> m.entry().key()).containsExactly("launch");
    // No retry storm: one request per search.
    provider.verify(1, postRequestedFor(urlEqualTo(EMBEDDINGS)));
  }

  @Test
  void anUnreachableOrMalformedProviderAlsoFallsBack() {
    store.remember("acme", "launch", "\"rocket launch checklist\"", Map.of());
    MemorySearch unreachable =
        new MemorySearch(
            store,
            new OpenAiEmbeddings(
                "http://127.0.0.1:1", "m", null, Duration.ofMillis(500), Duration.ofSeconds(1)));
    assertThat(unreachable.search("acme", "rocket", 5).ranking()).isEqualTo(Ranking.LEXICAL);

    provider.stubFor(
        post(urlEqualTo(EMBEDDINGS)).willReturn(aResponse().withBody("{\"data\": []}")));
    MemorySearchResult malformed =
        new MemorySearch(store, embeddings()).search("acme", "rocket", 5);
    assertThat(malformed.ranking()).isEqualTo(Ranking.LEXICAL);
    assertThat(malformed.fallbackReason()).contains("one data[i].embedding per input");
  }

  @Test
  void clientErrorsAreNotRetryableAndOverloadIs() {
    provider.stubFor(post(urlEqualTo(EMBEDDINGS)).willReturn(aResponse().withStatus(401)));
    assertThatThrownBy(() -> embeddings().embed(java.util.List.of("x")))
        .isInstanceOfSatisfying(
            EmbeddingsUnavailableException.class, e -> assertThat(e.retryable()).isFalse());
    provider.stubFor(post(urlEqualTo(EMBEDDINGS)).willReturn(aResponse().withStatus(429)));
    assertThatThrownBy(() -> embeddings().embed(java.util.List.of("x")))
        .isInstanceOfSatisfying(
            EmbeddingsUnavailableException.class, e -> assertThat(e.retryable()).isTrue());
  }

  @Test
  void vectorsAreOrderedByTheirIndex() {
    provider.stubFor(
        post(urlEqualTo(EMBEDDINGS))
            .withRequestBody(equalToJson("{\"model\":\"topic-embed-1\",\"input\":[\"a\",\"b\"]}"))
            .willReturn(
                aResponse()
                    .withBody(
                        "{\"data\":[{\"index\":1,\"embedding\":[0,2]},{\"index\":0,\"embedding\":[3,0]}]}")));

    var vectors = embeddings().embed(java.util.List.of("a", "b"));

    assertThat(vectors.get(0)).containsExactly(1f, 0f);
    assertThat(vectors.get(1)).containsExactly(0f, 1f);
  }

  /**
   * Answers every input with a vector counting its topic words, as an embeddings model would place
   * them.
   */
  static final class TopicVectors implements ResponseTransformerV2 {

    static final String NAME = "topic-vectors";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String[][] TOPICS = {
      {"rocket", "spacecraft", "lifts", "pad", "launch"},
      {"cake", "birthday", "candles", "party"},
      {"sea", "ocean", "waves", "tides", "beach"}
    };

    @Override
    public Response transform(Response response, ServeEvent event) {
      try {
        JsonNode request = JSON.readTree(event.getRequest().getBodyAsString());
        ObjectNode answer = JSON.createObjectNode();
        ArrayNode data = answer.putArray("data");
        int index = 0;
        for (JsonNode input : request.get("input")) {
          String text = input.asText().toLowerCase();
          ObjectNode item = data.addObject().put("object", "embedding").put("index", index++);
          ArrayNode vector = item.putArray("embedding");
          for (String[] topic : TOPICS) {
            int count = 0;
            for (String word : topic) {
              count += text.contains(word) ? 1 : 0;
            }
            vector.add(count + 0.01);
          }
        }
        answer.put("model", request.get("model").asText());
        return Response.Builder.like(response).but().body(answer.toString()).build();
      } catch (java.io.IOException e) {
        throw new IllegalStateException(e);
      }
    }

    @Override
    public String getName() {
      return NAME;
    }

    @Override
    public boolean applyGlobally() {
      return false;
    }
  }
}
