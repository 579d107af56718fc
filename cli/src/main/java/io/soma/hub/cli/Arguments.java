package io.soma.hub.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The words after the verb: options ({@code --name value}, {@code --name=value}, flags) anywhere
 * among the positional words, and {@code --} to end the options (a prompt that starts with a dash).
 * Every option a verb does not declare is a usage error, so a typo is never silently ignored.
 */
final class Arguments {

  /** What one verb accepts, beside the options every verb takes ({@link #COMMON}). */
  record Spec(Set<String> valued, Set<String> repeatable, Set<String> flags) {

    static Spec of(Set<String> valued, Set<String> flags) {
      return new Spec(valued, Set.of(), flags);
    }

    boolean takesValue(String name) {
      return valued.contains(name) || repeatable.contains(name) || COMMON_VALUED.contains(name);
    }

    boolean isFlag(String name) {
      return flags.contains(name) || COMMON_FLAGS.contains(name);
    }
  }

  static final String OUTPUT = "--output";
  static final String HELP = "--help";
  private static final Set<String> COMMON_VALUED = Set.of(OUTPUT);
  private static final Set<String> COMMON_FLAGS = Set.of(HELP);
  private static final Map<String, String> SHORT = Map.of("-o", OUTPUT, "-h", HELP);

  private final Map<String, List<String>> options;
  private final List<String> positionals;

  private Arguments(Map<String, List<String>> options, List<String> positionals) {
    this.options = options;
    this.positionals = positionals;
  }

  static Arguments parse(List<String> words, Spec spec) {
    Map<String, List<String>> options = new LinkedHashMap<>();
    List<String> positionals = new ArrayList<>();
    boolean optionsEnded = false;
    for (int i = 0; i < words.size(); i++) {
      String word = words.get(i);
      if (optionsEnded || !word.startsWith("-") || word.equals("-")) {
        positionals.add(word);
        continue;
      }
      if (word.equals("--")) {
        optionsEnded = true;
        continue;
      }
      int equals = word.indexOf('=');
      String written = equals < 0 ? word : word.substring(0, equals);
      String name = SHORT.getOrDefault(written, written);
      String inlineValue = equals < 0 ? null : word.substring(equals + 1);
      if (spec.isFlag(name)) {
        if (inlineValue != null) {
          throw CliFailure.usage(name + " takes no value");
        }
        add(options, spec, name, "");
      } else if (spec.takesValue(name)) {
        String value = inlineValue;
        if (value == null) {
          if (i + 1 >= words.size()) {
            throw CliFailure.usage(name + " needs a value");
          }
          value = words.get(++i);
        }
        add(options, spec, name, value);
      } else {
        throw CliFailure.usage("unknown option " + written);
      }
    }
    return new Arguments(options, positionals);
  }

  private static void add(Map<String, List<String>> options, Spec spec, String name, String value) {
    List<String> values = options.computeIfAbsent(name, ignored -> new ArrayList<>());
    if (!values.isEmpty() && !spec.repeatable().contains(name)) {
      throw CliFailure.usage(name + " given twice");
    }
    values.add(value);
  }

  List<String> positionals() {
    return List.copyOf(positionals);
  }

  /**
   * The one positional word the verb needs, e.g. the session id; {@code what} names it in the usage
   * error.
   */
  String single(String what) {
    if (positionals.isEmpty()) {
      throw CliFailure.usage("missing " + what);
    }
    if (positionals.size() > 1) {
      throw CliFailure.usage(
          "expected " + what + " as one word, got " + positionals.size() + " (quote it)");
    }
    return positionals.get(0);
  }

  Optional<String> value(String name) {
    List<String> values = options.get(name);
    return values == null ? Optional.empty() : Optional.of(values.get(0));
  }

  List<String> values(String name) {
    return List.copyOf(options.getOrDefault(name, List.of()));
  }

  boolean flag(String name) {
    return options.containsKey(name);
  }
}
