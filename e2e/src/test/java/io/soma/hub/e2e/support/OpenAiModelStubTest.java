package io.soma.hub.e2e.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class OpenAiModelStubTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

  @Test
  void answersInTheChatCompletionsFormatWithAReplyPerCall() throws Exception {
    try (OpenAiModelStub stub = OpenAiModelStub.start("e2e-model-2025")) {
      JsonNode first = JSON.readTree(complete(stub, "hello").join().body());
      JsonNode second = JSON.readTree(complete(stub, "hello").join().body());

      assertThat(first.get("model").asText()).isEqualTo("e2e-model-2025");
      assertThat(first.at("/choices/0/message/role").asText()).isEqualTo("assistant");
      assertThat(first.at("/choices/0/message/content").asText())
          .isEqualTo("reply 1 from the e2e model to: hello");
      assertThat(second.at("/choices/0/message/content").asText()).startsWith("reply 2 ");
      assertThat(stub.callsFor("hello"))
          .extracting(OpenAiModelStub.Call::authorization, OpenAiModelStub.Call::model)
          .containsOnly(org.assertj.core.groups.Tuple.tuple("Bearer k", "asked-model"));
    }
  }

  @Test
  void recordsACallWhenItArrivesNotWhenItIsAnswered() {
    try (OpenAiModelStub stub = OpenAiModelStub.start("slow", Duration.ofSeconds(5))) {
      CompletableFuture<HttpResponse<String>> answer = complete(stub, "slow one");

      await().atMost(Duration.ofSeconds(4)).until(() -> stub.callsFor("slow one").size() == 1);

      assertThat(answer).isNotDone();
      assertThat(answer.join().statusCode()).isEqualTo(200);
    }
  }

  private static CompletableFuture<HttpResponse<String>> complete(
      OpenAiModelStub stub, String prompt) {
    String body =
        "{\"model\":\"asked-model\",\"messages\":[{\"role\":\"user\",\"content\":\""
            + prompt
            + "\"}]}";
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(stub.baseUrl() + "/chat/completions"))
            .header("Authorization", "Bearer k")
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build();
    return HTTP.sendAsync(request, HttpResponse.BodyHandlers.ofString());
  }
}
