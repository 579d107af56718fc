package io.soma.hub.e2e.bench;

import io.soma.hub.e2e.support.HubJars;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** How a function is launched: as its container does ({@code ./hub function NAME --command}) or plainly. */
record FunctionLaunch(String label, List<String> command) {

  static final String SHIPPED = "shipped";
  static final String PLAIN = "plain";
  static final String HELLO = "hello";

  /** The launch command {@code ./hub function} uses; trains the function's AOT cache first if it has none. */
  static FunctionLaunch shipped(String function) {
    try {
      Process hub =
          new ProcessBuilder(HubJars.root().resolve("hub").toString(), "function", function, "--command")
              .directory(HubJars.root().toFile())
              .redirectError(ProcessBuilder.Redirect.INHERIT)
              .start();
      String output = new String(hub.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!hub.waitFor(5, TimeUnit.MINUTES) || hub.exitValue() != 0) {
        throw new IllegalStateException("./hub function " + function + " --command failed: " + output);
      }
      return new FunctionLaunch(SHIPPED, output.lines().filter(line -> !line.isBlank()).toList());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** {@code java -jar functions.jar} with the JVM's default options, on the same JVM as the shipped launch. */
  static FunctionLaunch plain(FunctionLaunch shipped) {
    return new FunctionLaunch(PLAIN, List.of(shipped.command().get(0), "-jar", HubJars.functions().toString()));
  }

  /**
   * The baseline fixture: a bare Spring Cloud Function hello application ({@code e2e/fixtures/hello-function}) with
   * the JVM's default options, on the same JVM as the shipped launch.
   */
  static FunctionLaunch hello(FunctionLaunch shipped) {
    String jar = HubJars.root().resolve("e2e/fixtures/hello-function/target/hello-function.jar").toString();
    return new FunctionLaunch(HELLO, List.of(shipped.command().get(0), "-jar", jar));
  }
}
