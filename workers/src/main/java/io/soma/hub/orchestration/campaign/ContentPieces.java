package io.soma.hub.orchestration.campaign;

import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The campaign's content pieces: the prompt that asks a model for them as JSON, and a lenient
 * reading of the reply (JSON anywhere in the text, with comments, single quotes or trailing commas;
 * else {@code key: value} lines; else defaults drawn from the campaign and the reply), so every
 * piece always exists.
 */
final class ContentPieces {

  static final List<String> IDS =
      List.of("headline", "tagline", "email_subject", "email_body", "social_post", "blog_outline");

  private static final ObjectMapper LENIENT =
      JsonMapper.builder()
          .enable(JsonReadFeature.ALLOW_JAVA_COMMENTS)
          .enable(JsonReadFeature.ALLOW_SINGLE_QUOTES)
          .enable(JsonReadFeature.ALLOW_TRAILING_COMMA)
          .enable(JsonReadFeature.ALLOW_UNQUOTED_FIELD_NAMES)
          .enable(JsonReadFeature.ALLOW_UNESCAPED_CONTROL_CHARS)
          .build();
  private static final Pattern LINE =
      Pattern.compile("(?im)^\\W*(" + String.join("|", IDS) + ")\\W*[:=-]\\s*(.+)$");
  private static final int MAX_PIECE_CHARS = 4000;

  private ContentPieces() {}

  static String prompt(ModuleInput input, List<Map<String, Object>> memories) {
    StringBuilder prompt = new StringBuilder();
    prompt
        .append("Write the content of the marketing campaign \"")
        .append(input.campaignName())
        .append("\".\n");
    appendAnswer(prompt, "Campaign type", input.answer("campaign_type"));
    appendAnswer(prompt, "Target audience", input.answer("target_audience"));
    appendAnswer(prompt, "Key messages", input.answer("key_messages"));
    appendAnswer(prompt, "Brand voice", input.answer("brand_voice"));
    appendAnswer(prompt, "Channels", String.join(", ", input.channels()));
    appendAnswer(prompt, "Launch date", input.launchDate());
    if (!memories.isEmpty()) {
      prompt.append("Earlier campaigns of ours that may help:\n");
      memories.forEach(
          memory ->
              prompt
                  .append("- ")
                  .append(memory.get("campaign"))
                  .append(' ')
                  .append(memory.get("name"))
                  .append(": ")
                  .append(abbreviate(String.valueOf(memory.get("content")), 300))
                  .append('\n'));
    }
    prompt
        .append("Answer with one JSON object and nothing else, with the string fields ")
        .append(String.join(", ", IDS))
        .append('.');
    return prompt.toString();
  }

  static Map<String, String> parse(String reply, ModuleInput input) {
    Map<String, String> pieces = new LinkedHashMap<>();
    fromJson(reply, pieces);
    if (pieces.size() < IDS.size()) {
      Matcher line = LINE.matcher(reply);
      while (line.find()) {
        pieces.putIfAbsent(line.group(1).toLowerCase(), clean(line.group(2)));
      }
    }
    Map<String, String> complete = new LinkedHashMap<>();
    for (String id : IDS) {
      String piece = pieces.get(id);
      complete.put(
          id,
          piece == null || piece.isBlank()
              ? fallback(id, reply, input)
              : abbreviate(piece, MAX_PIECE_CHARS));
    }
    return complete;
  }

  private static void fromJson(String reply, Map<String, String> pieces) {
    int start = reply.indexOf('{');
    int end = reply.lastIndexOf('}');
    if (start < 0 || end <= start) {
      return;
    }
    try {
      JsonNode node = LENIENT.readTree(reply.substring(start, end + 1));
      for (String id : IDS) {
        JsonNode value = node.get(id);
        if (value == null || value.isNull()) {
          continue;
        }
        pieces.put(
            id,
            value.isTextual()
                ? value.textValue()
                : value.isArray() ? joinLines(value) : value.toString());
      }
    } catch (java.io.IOException notJson) {
      // the line-based reading and the defaults below take over
    }
  }

  private static String joinLines(JsonNode array) {
    StringBuilder joined = new StringBuilder();
    array.forEach(
        item ->
            joined
                .append(joined.isEmpty() ? "" : "\n")
                .append(item.isTextual() ? item.textValue() : item.toString()));
    return joined.toString();
  }

  private static String fallback(String id, String reply, ModuleInput input) {
    String name = input.campaignName();
    String message = input.answer("key_messages").isBlank() ? name : input.answer("key_messages");
    String gist = abbreviate(reply.strip(), 280);
    return switch (id) {
      case "headline" -> name;
      case "tagline" -> abbreviate(message, 120);
      case "email_subject" -> name + ": " + abbreviate(message, 80);
      case "social_post" -> abbreviate(name + " - " + message, 280);
      case "blog_outline" -> "1. " + name + "\n2. " + abbreviate(message, 200) + "\n3. " + gist;
      default -> gist.isBlank() ? message : gist;
    };
  }

  private static void appendAnswer(StringBuilder prompt, String label, String value) {
    if (value != null && !value.isBlank()) {
      prompt.append(label).append(": ").append(value).append('\n');
    }
  }

  private static String clean(String value) {
    String stripped = value.strip();
    if (stripped.endsWith(",")) {
      stripped = stripped.substring(0, stripped.length() - 1).strip();
    }
    if (stripped.length() >= 2 && stripped.startsWith("\"") && stripped.endsWith("\"")) {
      stripped = stripped.substring(1, stripped.length() - 1);
    }
    return stripped;
  }

  static String abbreviate(String text, int max) {
    return text.length() <= max ? text : text.substring(0, max) + "...";
  }
}
