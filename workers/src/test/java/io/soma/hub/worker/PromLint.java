package io.soma.hub.worker;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * The checks {@code promtool check metrics} runs (client_golang's promlint), applied to Prometheus text output,
 * so the scrape stays clean on machines without promtool.
 */
final class PromLint {

  private static final Set<String> ABBREVIATIONS =
      Set.of("s", "ms", "us", "ns", "sec", "b", "kb", "mb", "gb", "tb", "pb", "m", "h", "d");
  private static final Set<String> NON_BASE_UNITS =
      Set.of("minutes", "hours", "days", "weeks", "kelvins", "fahrenheit", "rankine", "inches", "yards", "miles",
          "bits", "calories", "pounds", "ounces");
  private static final Set<String> BASE_UNITS =
      Set.of("amperes", "bytes", "celsius", "grams", "joules", "kelvin", "meters", "metres", "seconds", "volts");
  private static final List<String> PREFIXES =
      List.of("pico", "nano", "micro", "milli", "centi", "deci", "deca", "hecto", "kilo", "kibi", "mega", "mibi",
          "giga", "gibi", "tera", "tebi", "peta", "pebi");
  private static final Pattern CAMEL_CASE = Pattern.compile("[a-z][A-Z]");

  private PromLint() {}

  static List<String> problems(String exposition) {
    Map<String, String> help = new TreeMap<>();
    Map<String, String> types = new TreeMap<>();
    for (String line : exposition.split("\n")) {
      String[] parts = line.split(" ", 4);
      if (line.startsWith("# HELP ")) {
        help.put(parts[2], parts.length > 3 ? parts[3].strip() : "");
      } else if (line.startsWith("# TYPE ")) {
        types.put(parts[2], parts[3].strip());
      }
    }
    List<String> problems = new ArrayList<>();
    types.forEach(
        (name, type) -> {
          if (help.getOrDefault(name, "").isEmpty()) {
            problems.add(name + ": no help text");
          }
          boolean counter = type.equals("counter");
          if (counter != name.endsWith("_total") && !type.equals("untyped")) {
            problems.add(name + ": counter and _total suffix disagree");
          }
          boolean histogram = type.equals("histogram");
          boolean summary = type.equals("summary");
          if (!histogram && name.endsWith("_bucket")
              || !histogram && !summary && (name.endsWith("_count") || name.endsWith("_sum"))) {
            problems.add(name + ": reserved histogram or summary suffix");
          }
          for (String typeName : List.of("counter", "gauge", "histogram", "summary")) {
            if (name.contains("_" + typeName + "_") || name.endsWith("_" + typeName)) {
              problems.add(name + ": metric type in name");
            }
          }
          if (name.contains(":") || CAMEL_CASE.matcher(name).find()) {
            problems.add(name + ": reserved character or camelCase");
          }
          for (String token : name.split("_")) {
            if (ABBREVIATIONS.contains(token)) {
              problems.add(name + ": abbreviated unit " + token);
            }
            boolean prefixedBaseUnit =
                PREFIXES.stream()
                    .anyMatch(p -> token.startsWith(p) && BASE_UNITS.contains(token.substring(p.length())));
            if (NON_BASE_UNITS.contains(token) || prefixedBaseUnit) {
              problems.add(name + ": non-base unit " + token);
            }
          }
        });
    return problems;
  }
}
