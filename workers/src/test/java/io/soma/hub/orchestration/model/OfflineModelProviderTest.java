package io.soma.hub.orchestration.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class OfflineModelProviderTest {

  private final OfflineModelProvider provider = new OfflineModelProvider();

  @Test
  void theReplyIsReadOffThePrompt() {
    ModelReply reply =
        provider.complete(
            "Launch the autumn campaign. The campaign targets autumn buyers in Berlin and Paris.");

    assertThat(reply.provider()).isEqualTo("offline");
    assertThat(reply.reply())
        .contains("13 words")
        .contains("Salient terms: autumn, campaign, berlin, buyers, launch")
        .contains("\"Launch the autumn campaign.\"");
  }

  @Test
  void theSamePromptGetsTheSameReplyAndAnotherPromptAnotherOne() {
    String prompt = "Summarise the risks of migrating billing to the new ledger.";

    assertThat(provider.complete(prompt)).isEqualTo(provider.complete(prompt));
    assertThat(provider.complete(prompt).reply())
        .isNotEqualTo(provider.complete("List three colours of the sea.").reply());
  }

  @Test
  void aLongFirstSentenceIsShortened() {
    String reply = provider.complete("word ".repeat(200)).reply();

    assertThat(reply).contains("200 words").contains("...\"");
  }

  @Test
  void aStreamedReplyComesWordByWordAndIsTheSameReply() {
    String prompt = "Write the welcome email for new customers.";
    List<String> pieces = new ArrayList<>();

    ModelReply streamed =
        provider.streamAsync(List.of(ChatMessage.user(prompt)), pieces::add).join();

    assertThat(streamed).isEqualTo(provider.complete(prompt));
    assertThat(String.join("", pieces)).isEqualTo(streamed.reply());
    assertThat(pieces)
        .hasSizeGreaterThan(10)
        .allSatisfy(piece -> assertThat(piece.strip()).doesNotContain(" "));
  }
}
