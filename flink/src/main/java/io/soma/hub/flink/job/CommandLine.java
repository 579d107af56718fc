package io.soma.hub.flink.job;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * {@code --name value} or {@code --name=value} options, only the names given; anything else is an
 * error.
 */
final class CommandLine {

  private CommandLine() {}

  static Map<String, String> parse(String[] args, Set<String> names) {
    Map<String, String> options = new LinkedHashMap<>();
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      if (!arg.startsWith("--") || arg.length() == 2) {
        throw new IllegalArgumentException("expected an option --name, got '" + arg + "'");
      }
      String name;
      String value;
      int equals = arg.indexOf('=');
      if (equals > 0) {
        name = arg.substring(2, equals);
        value = arg.substring(equals + 1);
      } else {
        name = arg.substring(2);
        if (i + 1 >= args.length) {
          throw new IllegalArgumentException("option --" + name + " needs a value");
        }
        value = args[++i];
      }
      if (!names.contains(name)) {
        throw new IllegalArgumentException(
            "unknown option --" + name + "; known: --" + String.join(", --", names));
      }
      if (options.put(name, value) != null) {
        throw new IllegalArgumentException("option --" + name + " given twice");
      }
    }
    return options;
  }
}
