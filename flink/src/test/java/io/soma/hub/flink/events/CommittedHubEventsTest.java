package io.soma.hub.flink.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The contract between the publishers and this job: every event the functions and the worker
 * produce, as the events module writes them (and its own test keeps equal to its code), parses here
 * and is counted. Read from the source tree, so neither module needs the other on its classpath.
 */
class CommittedHubEventsTest {

  private static final Path PUBLISHED = Path.of("../events/src/test/resources/cloudevents");

  @Test
  void everyEventTheHubPublishesParses() throws IOException, MalformedEventException {
    List<Path> files;
    try (Stream<Path> listing = Files.list(PUBLISHED)) {
      files = listing.filter(f -> f.toString().endsWith(".json")).sorted().toList();
    }
    assertThat(files).hasSizeGreaterThanOrEqualTo(10);
    for (Path file : files) {
      String record = Files.readString(file, StandardCharsets.UTF_8).strip();
      CloudEvent event = CloudEventParser.parse(record);
      String typeFromFileName =
          "io.soma.hub." + file.getFileName().toString().replaceFirst("\\.json$", "");
      assertThat(event.type()).as(file.toString()).isEqualTo(typeFromFileName);
      assertThat(event.tenant()).as(file.toString()).isEqualTo("acme");
      assertThat(event.id())
          .as(file.toString())
          .endsWith(":" + typeFromFileName.substring("io.soma.hub.".length()));
      assertThat(event.source()).as(file.toString()).startsWith("/soma-hub/");
      assertThat(event.timeMillis()).as(file.toString()).isPositive();
    }
  }
}
