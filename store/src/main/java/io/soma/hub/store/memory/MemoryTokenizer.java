package io.soma.hub.store.memory;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Turns text into index terms: Unicode NFKC, lower case, runs of letters and digits, English stop
 * words dropped, and a light suffix stemmer so that "campaigns", "campaign" and "campaigning" meet.
 * Entries and queries go through the same steps; {@link #VERSION} changes whenever the steps do, so
 * the memory refresh knows what to re-index.
 */
public final class MemoryTokenizer {

  /**
   * Raise on any change of the steps below: entries indexed by another version are re-indexed by
   * the refresh.
   */
  public static final int VERSION = 1;

  /**
   * Longer runs are identifiers, hashes or base64, which no one searches for; they also fit the
   * term column.
   */
  static final int MAX_TERM_CHARS = 64;

  private static final int MIN_STEM_CHARS = 3;

  private static final Set<String> STOP_WORDS =
      Set.of(
          "a", "an", "and", "are", "as", "at", "be", "but", "by", "for", "from", "has", "have",
          "he", "her", "his", "i", "if", "in", "into", "is", "it", "its", "me", "my", "no", "not",
          "of", "on", "or", "our", "she", "so", "that", "the", "their", "them", "then", "there",
          "these", "they", "this", "to", "was", "we", "were", "what", "when", "which", "who",
          "will", "with", "you", "your");

  private MemoryTokenizer() {}

  /** Every term of the text, in order, repeated as often as it occurs. */
  public static List<String> terms(String text) {
    List<String> terms = new ArrayList<>();
    for (String word : words(text)) {
      if (!STOP_WORDS.contains(word)) {
        terms.add(stem(word));
      }
    }
    return terms;
  }

  /** How often each term occurs, in first-seen order. */
  public static Map<String, Integer> termFrequencies(String text) {
    Map<String, Integer> frequencies = new LinkedHashMap<>();
    terms(text).forEach(term -> frequencies.merge(term, 1, Integer::sum));
    return frequencies;
  }

  /** The lower-cased runs of letters and digits, stop words included; overlong runs are dropped. */
  static List<String> words(String text) {
    List<String> words = new ArrayList<>();
    if (text == null || text.isEmpty()) {
      return words;
    }
    String normalised = Normalizer.normalize(text, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT);
    StringBuilder word = new StringBuilder();
    normalised
        .codePoints()
        .forEach(
            cp -> {
              if (Character.isLetterOrDigit(cp)) {
                word.appendCodePoint(cp);
              } else {
                flush(word, words);
              }
            });
    flush(word, words);
    return words;
  }

  private static void flush(StringBuilder word, List<String> words) {
    if (!word.isEmpty() && word.length() <= MAX_TERM_CHARS) {
      words.add(word.toString());
    }
    word.setLength(0);
  }

  /**
   * A deliberately light stemmer (plurals, "-ing", "-ed" and a final "e" only): aggressive stemmers
   * conflate words users mean differently, and a missed conflation only costs recall that the other
   * terms of a query recover.
   */
  static String stem(String word) {
    if (!word.chars().allMatch(c -> c >= 'a' && c <= 'z')) {
      return word;
    }
    String stem = singular(word);
    if (stem.endsWith("ing") && stem.length() - 3 >= MIN_STEM_CHARS + 1) {
      stem = undouble(stem.substring(0, stem.length() - 3));
    } else if (stem.endsWith("ed") && stem.length() - 2 >= MIN_STEM_CHARS + 1) {
      stem = undouble(stem.substring(0, stem.length() - 2));
    }
    if (stem.endsWith("e") && stem.length() > MIN_STEM_CHARS + 1) {
      stem = stem.substring(0, stem.length() - 1);
    }
    return stem;
  }

  private static String singular(String word) {
    if (word.endsWith("ies") && word.length() > 4) {
      return word.substring(0, word.length() - 3) + "y";
    }
    if (word.endsWith("sses")
        || word.endsWith("ches")
        || word.endsWith("shes")
        || word.endsWith("xes")) {
      return word.substring(0, word.length() - 2);
    }
    if (word.endsWith("s")
        && !word.endsWith("ss")
        && !word.endsWith("us")
        && !word.endsWith("is")
        && word.length() > MIN_STEM_CHARS) {
      return word.substring(0, word.length() - 1);
    }
    return word;
  }

  /** "planning" → "plann" → "plan"; "falling" keeps its "ll". */
  private static String undouble(String stem) {
    int n = stem.length();
    if (n >= 2
        && stem.charAt(n - 1) == stem.charAt(n - 2)
        && "bdgmnprt".indexOf(stem.charAt(n - 1)) >= 0) {
      return stem.substring(0, n - 1);
    }
    return stem;
  }
}
