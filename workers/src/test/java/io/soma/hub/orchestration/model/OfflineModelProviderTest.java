package io.soma.hub.orchestration.model;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class OfflineModelProviderTest {

  private final OfflineModelProvider provider = new OfflineModelProvider();

  @Test
  void theReplyIsReadOffThePrompt() {
    ModelReply reply =
        provider.complete("Launch the autumn campaign. The campaign targets autumn buyers in Berlin and Paris.");

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
}
