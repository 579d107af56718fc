package io.soma.hub.cli;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code ./hub session VERB ...}: the sessions API for people at a terminal. The one place that
 * prints failures: each is one line on stderr and an exit code from {@link ExitCodes}, never a
 * stack trace.
 */
public final class HubCli {

  private static final Set<String> HELP = Set.of("help", "-h", "--help");

  private final Map<String, Verb> verbs = new LinkedHashMap<>();
  private final Map<String, String> environment;
  private final PrintStream out;
  private final PrintStream err;

  HubCli(Map<String, String> environment, PrintStream out, PrintStream err) {
    this.environment = Map.copyOf(environment);
    this.out = out;
    this.err = err;
    for (Verb verb :
        List.of(
            new StartVerb(),
            new ListVerb(),
            new ShowVerb(),
            new WatchVerb(),
            new SayVerb(),
            new CloseVerb(),
            new CancelVerb())) {
      verbs.put(verb.name(), verb);
    }
  }

  public static void main(String[] args) {
    // UTF-8 whatever the locale: replies are any text, and -o json must reach a script byte for
    // byte.
    PrintStream out =
        new PrintStream(new FileOutputStream(FileDescriptor.out), true, StandardCharsets.UTF_8);
    PrintStream err =
        new PrintStream(new FileOutputStream(FileDescriptor.err), true, StandardCharsets.UTF_8);
    int code;
    try {
      code = new HubCli(System.getenv(), out, err).run(Arrays.asList(args));
    } catch (Throwable unexpected) {
      err.println("session: the CLI failed unexpectedly: " + unexpected);
      code = ExitCodes.INTERNAL;
    }
    out.flush();
    err.flush();
    System.exit(code);
  }

  int run(List<String> args) {
    if (args.isEmpty()) {
      err.print(Usage.TEXT);
      return ExitCodes.USAGE;
    }
    String name = args.get(0);
    if (HELP.contains(name)) {
      out.print(Usage.TEXT);
      return ExitCodes.OK;
    }
    Verb verb = verbs.get(name);
    if (verb == null) {
      err.println(
          "session: unknown verb '"
              + name
              + "'; the verbs are "
              + String.join(", ", verbs.keySet())
              + " (./hub session help)");
      return ExitCodes.USAGE;
    }
    try {
      Arguments arguments = Arguments.parse(args.subList(1, args.size()), verb.spec());
      if (arguments.flag(Arguments.HELP)) {
        out.print(Usage.TEXT);
        return ExitCodes.OK;
      }
      OutputFormat format = OutputFormat.from(arguments.value(Arguments.OUTPUT));
      return verb.run(new Invocation(arguments, format, environment, out, err));
    } catch (CliFailure failure) {
      err.println("session " + name + ": " + failure.getMessage());
      return failure.exitCode();
    } catch (RuntimeException unexpected) {
      err.println("session " + name + ": the CLI failed unexpectedly: " + unexpected);
      return ExitCodes.INTERNAL;
    }
  }
}
