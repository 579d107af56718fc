package io.soma.hub.cli;

import java.util.Optional;

/**
 * {@code -o json} prints the API's JSON body as it came, for scripts; the default is for people.
 */
enum OutputFormat {
  TEXT,
  JSON;

  static OutputFormat from(Optional<String> option) {
    String value = option.orElse("text");
    return switch (value) {
      case "text" -> TEXT;
      case "json" -> JSON;
      default -> throw CliFailure.usage("-o takes json or text, got '" + value + "'");
    };
  }
}
