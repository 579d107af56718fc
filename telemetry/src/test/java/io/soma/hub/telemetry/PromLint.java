package io.soma.hub.telemetry;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * What {@code promtool check metrics} reports for Prometheus text output, in its words, so tests can keep a scrape
 * clean on machines without promtool. A port of client_golang's promlint (the linter promtool 2.x runs) over a
 * reading of the text format that groups samples into families the way Prometheus' parser does.
 */
public final class PromLint {

  private static final List<String> TYPES_NAMED = List.of("counter", "gauge", "histogram", "summary");
  private static final List<String> ABBREVIATIONS =
      List.of("s", "ms", "us", "ns", "sec", "b", "kb", "mb", "gb", "tb", "pb", "m", "h", "d");
  private static final Map<String, String> BASE_UNIT_OF =
      Map.ofEntries(
          Map.entry("amperes", "amperes"),
          Map.entry("bytes", "bytes"),
          Map.entry("celsius", "celsius"),
          Map.entry("grams", "grams"),
          Map.entry("joules", "joules"),
          Map.entry("kelvin", "kelvin"),
          Map.entry("meters", "meters"),
          Map.entry("metres", "metres"),
          Map.entry("seconds", "seconds"),
          Map.entry("volts", "volts"),
          Map.entry("minutes", "seconds"),
          Map.entry("hours", "seconds"),
          Map.entry("days", "seconds"),
          Map.entry("weeks", "seconds"),
          Map.entry("kelvins", "kelvin"),
          Map.entry("fahrenheit", "celsius"),
          Map.entry("rankine", "celsius"),
          Map.entry("inches", "meters"),
          Map.entry("yards", "meters"),
          Map.entry("miles", "meters"),
          Map.entry("bits", "bytes"),
          Map.entry("calories", "joules"),
          Map.entry("pounds", "grams"),
          Map.entry("ounces", "grams"));
  private static final List<String> UNIT_PREFIXES =
      List.of("pico", "nano", "micro", "milli", "centi", "deci", "deca", "hecto", "kilo", "kibi", "mega", "mibi",
          "giga", "gibi", "tera", "tebi", "peta", "pebi");
  private static final Pattern CAMEL_CASE = Pattern.compile("[a-z][A-Z]");

  private PromLint() {}

  /**
   * One {@code "<metric> <problem>"} line per problem, sorted as promtool prints them; empty for a clean scrape.
   *
   * @throws IllegalArgumentException where promtool fails with "text format parsing error"
   */
  public static List<String> problems(String exposition) {
    List<String[]> problems = new ArrayList<>();
    for (Family family : Exposition.parse(exposition)) {
      lint(family, text -> problems.add(new String[] {family.name, text}));
    }
    problems.sort(Comparator.<String[], String>comparing(p -> p[0]).thenComparing(p -> p[1]));
    return problems.stream().map(p -> p[0] + " " + p[1]).toList();
  }

  private static void lint(Family family, Consumer<String> problem) {
    String name = family.name;
    String type = family.type();
    boolean untyped = type.equals("untyped");
    boolean counter = type.equals("counter");
    boolean histogram = type.equals("histogram");
    boolean summary = type.equals("summary");

    if (family.help == null || family.help.isEmpty()) {
      problem.accept("no help text");
    }

    unitOf(name)
        .filter(unit -> !unit[0].equals(unit[1]))
        .ifPresent(unit -> problem.accept("use base unit \"" + unit[1] + "\" instead of \"" + unit[0] + "\""));

    boolean total = name.endsWith("_total");
    if (counter && !total) {
      problem.accept("counter metrics should have \"_total\" suffix");
    } else if (!untyped && !counter && total) {
      problem.accept("non-counter metrics should not have \"_total\" suffix");
    }

    if (!untyped) {
      if (!histogram && name.endsWith("_bucket")) {
        problem.accept("non-histogram metrics should not have \"_bucket\" suffix");
      }
      if (!histogram && !summary && name.endsWith("_count")) {
        problem.accept("non-histogram and non-summary metrics should not have \"_count\" suffix");
      }
      if (!histogram && !summary && name.endsWith("_sum")) {
        problem.accept("non-histogram and non-summary metrics should not have \"_sum\" suffix");
      }
      for (List<String> labels : family.labelSets) {
        for (String label : labels) {
          if (!histogram && label.equals("le")) {
            problem.accept("non-histogram metrics should not have \"le\" label");
          }
          if (!summary && label.equals("quantile")) {
            problem.accept("non-summary metrics should not have \"quantile\" label");
          }
        }
      }
    }

    String lower = name.toLowerCase(Locale.ROOT);
    for (String typeName : TYPES_NAMED) {
      if (lower.contains("_" + typeName + "_") || lower.endsWith("_" + typeName)) {
        problem.accept("metric name should not include type '" + typeName + "'");
      }
    }

    if (name.contains(":")) {
      problem.accept("metric names should not contain ':'");
    }

    if (CAMEL_CASE.matcher(name).find()) {
      problem.accept("metric names should be written in 'snake_case' not 'camelCase'");
    }
    for (List<String> labels : family.labelSets) {
      for (String label : labels) {
        if (CAMEL_CASE.matcher(label).find()) {
          problem.accept("label names should be written in 'snake_case' not 'camelCase'");
        }
      }
    }

    for (String abbreviation : ABBREVIATIONS) {
      if (lower.contains("_" + abbreviation + "_") || lower.endsWith("_" + abbreviation)) {
        problem.accept("metric names should not contain abbreviated units");
      }
    }
  }

  /** The first unit in the name and its base unit, as promlint finds them: later units are not looked at. */
  private static Optional<String[]> unitOf(String name) {
    for (String token : name.split("_")) {
      String base = BASE_UNIT_OF.get(token);
      if (base != null) {
        return Optional.of(new String[] {token, base});
      }
      for (String prefix : UNIT_PREFIXES) {
        if (token.startsWith(prefix)) {
          String prefixedBase = BASE_UNIT_OF.get(token.substring(prefix.length()));
          if (prefixedBase != null) {
            return Optional.of(new String[] {token, prefixedBase});
          }
        }
      }
    }
    return Optional.empty();
  }

  /** A metric family: its help, its type and the label names of each of its metrics. */
  private static final class Family {

    final String name;
    String help;
    String type;
    final Set<Map<String, String>> groupedMetrics = new LinkedHashSet<>();
    final List<List<String>> labelSets = new ArrayList<>();

    Family(String name) {
      this.name = name;
    }

    String type() {
      return type == null ? "untyped" : type;
    }

    /** Histogram and summary samples of one label set are one metric; {@code le} and {@code quantile} are not labels. */
    void sample(Map<String, String> labels) {
      if (type == null) {
        type = "untyped";
      }
      if (type.equals("histogram") || type.equals("summary")) {
        Map<String, String> identity = new LinkedHashMap<>(labels);
        identity.remove("le");
        identity.remove("quantile");
        if (groupedMetrics.add(identity)) {
          labelSets.add(List.copyOf(identity.keySet()));
        }
      } else {
        labelSets.add(List.copyOf(labels.keySet()));
      }
    }
  }

  /** Just enough of the text exposition format to find families, help, types and label names. */
  private static final class Exposition {

    private final Map<String, Family> families = new LinkedHashMap<>();

    static List<Family> parse(String text) {
      Exposition exposition = new Exposition();
      String[] lines = text.split("\n", -1);
      for (int i = 0; i < lines.length; i++) {
        try {
          exposition.line(lines[i]);
        } catch (IllegalArgumentException e) {
          throw new IllegalArgumentException(
              "text format parsing error in line " + (i + 1) + ": " + e.getMessage(), e);
        }
      }
      return List.copyOf(exposition.families.values());
    }

    private void line(String line) {
      String trimmed = line.strip();
      if (trimmed.isEmpty()) {
        return;
      }
      if (trimmed.startsWith("#")) {
        comment(trimmed.substring(1).stripLeading());
        return;
      }
      int nameEnd = 0;
      while (nameEnd < trimmed.length() && isNameChar(trimmed.charAt(nameEnd))) {
        nameEnd++;
      }
      if (nameEnd == 0) {
        throw new IllegalArgumentException("invalid metric name in line: " + line);
      }
      familyOfSample(trimmed.substring(0, nameEnd)).sample(labels(trimmed, nameEnd));
    }

    private void comment(String comment) {
      String[] parts = comment.split("[ \t]+", 3);
      if (parts.length < 2 || !(parts[0].equals("HELP") || parts[0].equals("TYPE"))) {
        return;
      }
      String rest = parts.length > 2 ? parts[2].strip() : "";
      Family family = familyOfSample(parts[1]);
      if (parts[0].equals("HELP")) {
        if (family.help != null) {
          throw new IllegalArgumentException("second HELP line for metric name \"" + family.name + "\"");
        }
        family.help = rest;
      } else {
        if (family.type != null) {
          throw new IllegalArgumentException(
              "second TYPE line for metric name \"" + family.name + "\", or TYPE reported after samples");
        }
        family.type = rest.toLowerCase(Locale.ROOT);
      }
    }

    /** Prometheus' rule: the exact name, else the summary or histogram this _sum, _count or _bucket belongs to. */
    private Family familyOfSample(String name) {
      Family exact = families.get(name);
      if (exact != null) {
        return exact;
      }
      for (String suffix : List.of("_sum", "_count", "_bucket")) {
        if (name.endsWith(suffix)) {
          Family owner = families.get(name.substring(0, name.length() - suffix.length()));
          if (owner != null
              && ("histogram".equals(owner.type) || "summary".equals(owner.type) && !suffix.equals("_bucket"))) {
            return owner;
          }
        }
      }
      return families.computeIfAbsent(name, Family::new);
    }

    private static Map<String, String> labels(String sample, int from) {
      Map<String, String> labels = new LinkedHashMap<>();
      int i = from;
      while (i < sample.length() && sample.charAt(i) == ' ') {
        i++;
      }
      if (i >= sample.length() || sample.charAt(i) != '{') {
        return labels;
      }
      i++;
      while (true) {
        while (i < sample.length() && (sample.charAt(i) == ' ' || sample.charAt(i) == ',')) {
          i++;
        }
        if (i >= sample.length()) {
          throw new IllegalArgumentException("unterminated label set");
        }
        if (sample.charAt(i) == '}') {
          return labels;
        }
        int nameStart = i;
        while (i < sample.length() && isNameChar(sample.charAt(i)) && sample.charAt(i) != ':') {
          i++;
        }
        String name = sample.substring(nameStart, i);
        while (i < sample.length() && sample.charAt(i) == ' ') {
          i++;
        }
        if (name.isEmpty() || i + 1 >= sample.length() || sample.charAt(i) != '=' || sample.charAt(i + 1) != '"') {
          throw new IllegalArgumentException("invalid label near column " + (i + 1));
        }
        i += 2;
        StringBuilder value = new StringBuilder();
        while (i < sample.length() && sample.charAt(i) != '"') {
          if (sample.charAt(i) == '\\' && i + 1 < sample.length()) {
            i++;
          }
          value.append(sample.charAt(i++));
        }
        if (i >= sample.length()) {
          throw new IllegalArgumentException("unterminated label value");
        }
        i++;
        if (labels.put(name, value.toString()) != null) {
          throw new IllegalArgumentException("duplicate label names for metric");
        }
      }
    }

    private static boolean isNameChar(char c) {
      return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' || c == ':';
    }
  }
}
