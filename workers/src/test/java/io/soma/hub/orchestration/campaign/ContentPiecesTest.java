package io.soma.hub.orchestration.campaign;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ContentPiecesTest {

  private final ModuleInput input =
      new ModuleInput(
          "camp-1",
          "acme",
          "alice",
          "Spring Launch",
          "2031-05-01",
          List.of("email"),
          Map.of("key_messages", "Ship faster."),
          CampaignPlans.marketing(true, true).modules().get(1),
          Map.of(),
          Map.of());

  @Test
  void jsonInsideProseWithSingleQuotesAndTrailingCommasIsRead() {
    Map<String, String> pieces =
        ContentPieces.parse(
            "Here you go:\n{'headline': 'H', \"tagline\": \"T\", email_subject: 'S', 'email_body': 'B',"
                + " 'social_post': 'P', 'blog_outline': ['1', '2'],}\nEnjoy",
            input);

    assertThat(pieces)
        .containsExactly(
            Map.entry("headline", "H"),
            Map.entry("tagline", "T"),
            Map.entry("email_subject", "S"),
            Map.entry("email_body", "B"),
            Map.entry("social_post", "P"),
            Map.entry("blog_outline", "1\n2"));
  }

  @Test
  void keyValueLinesAreReadAndMissingPiecesGetDefaults() {
    Map<String, String> pieces =
        ContentPieces.parse("Headline: \"Big news\"\n- tagline: Faster, together\nno more", input);

    assertThat(pieces)
        .containsEntry("headline", "Big news")
        .containsEntry("tagline", "Faster, together");
    assertThat(pieces.get("email_subject")).isEqualTo("Spring Launch: Ship faster.");
    assertThat(pieces)
        .containsOnlyKeys(ContentPieces.IDS)
        .allSatisfy((id, piece) -> assertThat(piece).isNotBlank());
  }

  @Test
  void thePromptAsksForJsonWithEveryPiece() {
    String prompt =
        ContentPieces.prompt(
            input, List.of(Map.of("campaign", "Autumn", "name", "headline", "content", "Leaves")));

    assertThat(prompt)
        .contains(
            "Spring Launch",
            "Ship faster.",
            "Autumn headline: Leaves",
            "JSON",
            String.join(", ", ContentPieces.IDS));
  }
}
