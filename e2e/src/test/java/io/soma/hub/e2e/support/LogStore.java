package io.soma.hub.e2e.support;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.soma.hub.testing.logs.VictoriaLogs;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The real log store (VictoriaLogs, Loki's push API) that the hub's processes and Airflow's tasks
 * ship to, as they ship to Loki in a cluster, and the lines it holds.
 */
public final class LogStore implements AutoCloseable {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final TypeReference<Map<String, String>> STRINGS = new TypeReference<>() {};
  private static final Pattern LABEL = Pattern.compile("(\\w+)=\"((?:[^\"\\\\]|\\\\.)*)\"");
  private static final List<String> STORE_FIELDS =
      List.of("_msg", "_time", "_stream", "_stream_id");

  /**
   * One stored line: its stream's labels, its message, its other fields (the line's JSON and its
   * metadata).
   */
  public record Line(Map<String, String> labels, String message, Map<String, String> fields) {}

  private final Path directory;
  private final VictoriaLogs store;

  private LogStore(Path directory) {
    this.directory = directory;
    this.store = VictoriaLogs.startIn(directory);
  }

  /** Started on a free port, its data in a temporary folder that {@link #close()} deletes. */
  public static LogStore start() throws IOException {
    return new LogStore(Files.createTempDirectory("hub-e2e-logs"));
  }

  /** The value for LOKI_URL. */
  public String lokiUrl() {
    return store.lokiUrl().toString();
  }

  /** Every stored line, oldest first. */
  public List<Line> lines() {
    return store.query("* | sort by (_time)").stream().map(LogStore::parse).toList();
  }

  private static Line parse(String entry) {
    try {
      Map<String, String> fields = JSON.convertValue(JSON.readTree(entry), STRINGS);
      Map<String, String> labels = new LinkedHashMap<>();
      Matcher label = LABEL.matcher(fields.getOrDefault("_stream", ""));
      while (label.find()) {
        labels.put(label.group(1), label.group(2));
      }
      Map<String, String> rest = new LinkedHashMap<>(fields);
      rest.keySet().removeAll(STORE_FIELDS);
      rest.keySet().removeAll(labels.keySet());
      return new Line(labels, fields.getOrDefault("_msg", ""), rest);
    } catch (IOException e) {
      throw new UncheckedIOException("an entry that is not JSON: " + entry, e);
    }
  }

  /** Its HTTP address, for {@code ./hub logs} (HUB_LOGS_URL). */
  public String url() {
    return store.baseUrl().toString();
  }

  @Override
  public void close() {
    store.close();
    Directories.deleteRecursively(directory);
  }
}
