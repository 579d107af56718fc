package io.soma.hub.e2e.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.List;
import java.util.stream.Stream;

/**
 * The gateway's functions as knative/manifests/functions.txt lists them: one Knative Service each.
 */
public final class FunctionTable {

  private FunctionTable() {}

  /** The function bean names, in the table's order. */
  public static List<String> functions() {
    try (Stream<String> lines =
        Files.lines(HubJars.root().resolve("knative/manifests/functions.txt"))) {
      return lines
          .map(String::strip)
          .filter(line -> !line.isEmpty() && !line.startsWith("#"))
          .map(line -> line.split("\\s+")[1])
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
