package io.soma.hub.flink.job;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;

/**
 * A sink that appends each record as a line to {@code <dir>/<name>-<subtask>.txt}: the pipeline
 * test's output.
 */
final class FileLinesSink implements Sink<String> {

  private final String dir;
  private final String name;

  FileLinesSink(Path dir, String name) {
    this.dir = dir.toString();
    this.name = name;
  }

  @Override
  public SinkWriter<String> createWriter(WriterInitContext context) throws IOException {
    Path file = Path.of(dir, name + "-" + context.getTaskInfo().getIndexOfThisSubtask() + ".txt");
    BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
    return new SinkWriter<>() {
      @Override
      public void write(String record, Context context) throws IOException {
        out.write(record);
        out.newLine();
      }

      @Override
      public void flush(boolean endOfInput) throws IOException {
        out.flush();
      }

      @Override
      public void close() throws IOException {
        out.close();
      }
    };
  }

  /** Every line every subtask wrote. */
  static List<String> lines(Path dir, String name) throws IOException {
    List<String> lines = new ArrayList<>();
    try (Stream<Path> files = Files.list(dir)) {
      for (Path file :
          files.filter(f -> f.getFileName().toString().startsWith(name + "-")).toList()) {
        lines.addAll(Files.readAllLines(file, StandardCharsets.UTF_8));
      }
    }
    return lines;
  }
}
