package io.soma.hub.knative.cli;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The parsed command line of one subcommand: positional words, {@code --option value} pairs
 * (repeatable) and {@code --flag}s. Unknown options are usage errors, so a typo never silently
 * changes what is deployed.
 */
final class CliArgs {

  /** The one-letter spellings kubectl and kn users type. */
  private static final Map<String, String> SHORT = Map.of("-k", "kustomize", "-o", "output");

  private static final Pattern DURATION = Pattern.compile("(\\d+)(ms|s|m|h)?");

  private final List<String> positional = new ArrayList<>();
  private final Map<String, List<String>> options = new LinkedHashMap<>();
  private final Set<String> flags;

  private CliArgs(Set<String> flags) {
    this.flags = flags;
  }

  /**
   * @param valued the options that take a value
   * @param flags the options that take none
   */
  static CliArgs parse(List<String> args, Set<String> valued, Set<String> flags) {
    CliArgs parsed = new CliArgs(new HashSet<>());
    for (int i = 0; i < args.size(); i++) {
      String arg = args.get(i);
      if (SHORT.containsKey(arg)) {
        arg = "--" + SHORT.get(arg);
      }
      if (!arg.startsWith("--")) {
        parsed.positional.add(arg);
        continue;
      }
      String name = arg.substring(2);
      String value = null;
      int equals = name.indexOf('=');
      if (equals >= 0) {
        value = name.substring(equals + 1);
        name = name.substring(0, equals);
      }
      if (flags.contains(name)) {
        if (value != null) {
          throw CliFailure.usage("--" + name + " takes no value");
        }
        parsed.flags.add(name);
      } else if (valued.contains(name)) {
        if (value == null) {
          if (i + 1 >= args.size() || args.get(i + 1).startsWith("-")) {
            throw CliFailure.usage("--" + name + " needs a value");
          }
          value = args.get(++i);
        }
        if (value.isBlank()) {
          throw CliFailure.usage("--" + name + " needs a non-empty value");
        }
        parsed.options.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
      } else {
        throw CliFailure.usage("unknown option --" + name);
      }
    }
    return parsed;
  }

  List<String> positional() {
    return positional;
  }

  /** The single positional argument NAME of commands like {@code describe NAME}. */
  String onlyName(String command) {
    if (positional.size() != 1) {
      throw CliFailure.usage(command + " needs exactly one service NAME, got " + positional.size());
    }
    return positional.get(0);
  }

  void noPositional(String command) {
    if (!positional.isEmpty()) {
      throw CliFailure.usage(command + " takes no arguments, got " + String.join(" ", positional));
    }
  }

  boolean flag(String name) {
    return flags.contains(name);
  }

  String option(String name) {
    List<String> values = options.get(name);
    if (values == null) {
      return null;
    }
    if (values.size() > 1) {
      throw CliFailure.usage("--" + name + " given more than once");
    }
    return values.get(0);
  }

  /** Every value of a repeatable option, comma-separated values split. */
  List<String> listOption(String name) {
    List<String> all = new ArrayList<>();
    for (String value : options.getOrDefault(name, List.of())) {
      for (String part : value.split(",")) {
        if (!part.isBlank()) {
          all.add(part.trim());
        }
      }
    }
    return all;
  }

  Duration duration(String name, Duration fallback) {
    String value = option(name);
    if (value == null) {
      return fallback;
    }
    Matcher matcher = DURATION.matcher(value.trim());
    if (!matcher.matches()) {
      throw CliFailure.usage(
          "--" + name + " must be a duration like 90s, 5m or 1h, got '" + value + "'");
    }
    long amount = Long.parseLong(matcher.group(1));
    String unit = matcher.group(2) == null ? "s" : matcher.group(2);
    Duration duration =
        switch (unit) {
          case "ms" -> Duration.ofMillis(amount);
          case "m" -> Duration.ofMinutes(amount);
          case "h" -> Duration.ofHours(amount);
          default -> Duration.ofSeconds(amount);
        };
    if (duration.isZero()) {
      throw CliFailure.usage("--" + name + " must be longer than zero");
    }
    return duration;
  }
}
