package io.soma.hub.telemetry.logs;

import io.soma.hub.testing.logs.VictoriaLogs;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * One log entry as the real log store keeps it: the labels of its stream, its message, and its
 * other fields (the line's JSON keys and the structured metadata).
 */
record StoredLine(Map<String, String> labels, String message, Map<String, String> fields) {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern LABEL = Pattern.compile("(\\w+)=\"((?:[^\"\\\\]|\\\\.)*)\"");
  private static final List<String> STORE_FIELDS =
      List.of("_msg", "_time", "_stream", "_stream_id");

  /** The entries of the test appender's stream, oldest first. */
  static List<StoredLine> of(VictoriaLogs store) {
    return store.query("{app=\"soma-hub-test\"} | sort by (_time)").stream()
        .map(StoredLine::parse)
        .toList();
  }

  static StoredLine parse(String entry) {
    JsonNode node = JSON.readTree(entry);
    Map<String, String> labels = new LinkedHashMap<>();
    Matcher label = LABEL.matcher(node.path("_stream").asString());
    while (label.find()) {
      labels.put(label.group(1), label.group(2));
    }
    Map<String, String> fields = new LinkedHashMap<>();
    node.properties()
        .forEach(
            field -> {
              if (!STORE_FIELDS.contains(field.getKey()) && !labels.containsKey(field.getKey())) {
                fields.put(field.getKey(), field.getValue().asString());
              }
            });
    return new StoredLine(labels, node.path("_msg").asString(), fields);
  }

  /** The number a test line carries after "line ". */
  int sequence() {
    int at = message.indexOf("line ") + "line ".length();
    return Integer.parseInt(message.substring(at, message.indexOf(' ', at)));
  }
}
