package io.soma.hub.orchestration.model;

import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * The built-in provider used when no model endpoint is configured. It does not pretend to be a
 * model: it answers with what it can read off the prompt itself (its size, its most frequent terms
 * and its first sentence), so the same prompt always gets the same reply and different prompts get
 * different ones.
 */
public final class OfflineModelProvider implements ModelProvider {

  public static final String PROVIDER = "offline";
  public static final String MODEL = "soma-offline-extractive";

  private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{N}][\\p{L}\\p{N}'-]*");
  private static final Pattern SENTENCE_END = Pattern.compile("(?<=[.!?])\\s");
  private static final Pattern WORD_WITH_SPACE = Pattern.compile("(?<=\\s)(?=\\S)");
  private static final int SALIENT_TERMS = 5;
  private static final int GIST_CHARS = 160;
  private static final Set<String> STOP_WORDS =
      Set.of(
          "the", "and", "for", "that", "this", "with", "you", "your", "are", "was", "were", "from",
          "have", "has", "had", "not", "but", "can", "could", "would", "should", "will", "shall",
          "into", "about", "what", "which", "who", "whom", "when", "where", "why", "how", "all",
          "any", "our", "their", "they", "them", "then", "than", "there", "here", "its", "also",
          "just", "please", "some", "each", "more", "most", "very", "one", "out", "use", "using",
          "make", "write", "give", "tell");

  @Override
  public CompletableFuture<ModelReply> completeAsync(String prompt) {
    return CompletableFuture.completedFuture(reply(prompt));
  }

  /**
   * The reply of the last message, handed over word by word (each with the space that follows it).
   */
  @Override
  public CompletableFuture<ModelReply> streamAsync(
      List<ChatMessage> messages, Consumer<String> pieces) {
    ModelReply reply = reply(messages.get(messages.size() - 1).content());
    for (String word : WORD_WITH_SPACE.split(reply.reply())) {
      pieces.accept(word);
    }
    return CompletableFuture.completedFuture(reply);
  }

  private static ModelReply reply(String prompt) {
    List<String> words = WORD.matcher(prompt).results().map(m -> m.group()).toList();
    List<String> salient = salientTerms(words);
    StringBuilder reply = new StringBuilder();
    reply
        .append("Offline summary: your prompt has ")
        .append(words.size())
        .append(words.size() == 1 ? " word" : " words")
        .append(" in ")
        .append(prompt.length())
        .append(" characters.");
    if (!salient.isEmpty()) {
      reply.append(" Salient terms: ").append(String.join(", ", salient)).append('.');
    }
    String gist = firstSentence(prompt);
    if (!gist.isEmpty()) {
      reply.append(" It opens with: \"").append(gist).append("\"");
    }
    reply.append(
        " (No model provider is configured; set HUB_MODEL_BASE_URL for real completions.)");
    return new ModelReply(MODEL, PROVIDER, reply.toString());
  }

  private static List<String> salientTerms(List<String> words) {
    Map<String, Integer> counts = new LinkedHashMap<>();
    for (String word : words) {
      String term = word.toLowerCase(Locale.ROOT);
      if (term.length() >= 3 && !STOP_WORDS.contains(term)) {
        counts.merge(term, 1, Integer::sum);
      }
    }
    return counts.entrySet().stream()
        .sorted(
            Comparator.comparing(Map.Entry<String, Integer>::getValue)
                .reversed()
                .thenComparing(Map.Entry::getKey))
        .limit(SALIENT_TERMS)
        .map(Map.Entry::getKey)
        .toList();
  }

  private static String firstSentence(String prompt) {
    String trimmed = prompt.strip().replaceAll("\\s+", " ");
    String sentence = SENTENCE_END.split(trimmed, 2)[0];
    return sentence.length() <= GIST_CHARS ? sentence : sentence.substring(0, GIST_CHARS) + "...";
  }
}
