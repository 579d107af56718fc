package io.soma.hub.store.memory;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MemoryTokenizerTest {

  @Test
  void lowerCasesSplitsOnPunctuationAndDropsStopWords() {
    assertThat(MemoryTokenizer.terms("The Fall-Launch of our NEW product, in 2026!"))
        .containsExactly("fall", "launch", "new", "product", "2026");
  }

  @Test
  void normalisesCompatibilityCharacters() {
    // Full-width letters and the "fi" ligature are the same words as their plain forms.
    assertThat(MemoryTokenizer.terms("ＢＲＡＮＤ ﬁle")).containsExactly("brand", "file");
  }

  @Test
  void keepsNonLatinWordsAndDropsOverlongRuns() {
    assertThat(MemoryTokenizer.terms("café Köln " + "x".repeat(65)))
        .containsExactly("café", "köln");
  }

  @ParameterizedTest
  @CsvSource({
    "campaigns, campaign",
    "campaign, campaign",
    "campaigning, campaign",
    "launched, launch",
    "launches, launch",
    "launching, launch",
    "stories, story",
    "planning, plan",
    "planned, plan",
    "release, releas",
    "releases, releas",
    "released, releas",
    "status, status",
    "class, class",
    "analysis, analysis",
    "sing, sing"
  })
  void stemsPluralsAndVerbEndingsLightly(String word, String stem) {
    assertThat(MemoryTokenizer.stem(word)).isEqualTo(stem);
  }

  @Test
  void countsTermFrequencies() {
    assertThat(MemoryTokenizer.termFrequencies("launch the launches, launch!"))
        .containsExactly(java.util.Map.entry("launch", 3));
  }
}
