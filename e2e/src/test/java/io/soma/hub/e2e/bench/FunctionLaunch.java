package io.soma.hub.e2e.bench;

import io.soma.hub.e2e.support.HubJars;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * How a function is launched: as its container does ({@code ./hub function NAME --command}) or
 * plainly.
 */
record FunctionLaunch(String label, List<String> command) {

  static final String SHIPPED = "shipped";
  static final String PLAIN = "plain";
  static final String HELLO = "hello";

  /**
   * The launch command {@code ./hub function} uses; trains the function's AOT cache first if it has
   * none.
   */
  static FunctionLaunch shipped(String function) {
    String output =
        run(List.of(HubJars.root().resolve("hub").toString(), "function", function, "--command"));
    return new FunctionLaunch(SHIPPED, output.lines().filter(line -> !line.isBlank()).toList());
  }

  /**
   * {@code java -jar functions.jar} with the JVM's default options, on the same JVM as the shipped
   * launch.
   */
  static FunctionLaunch plain(FunctionLaunch shipped) {
    return new FunctionLaunch(
        PLAIN, List.of(shipped.command().get(0), "-jar", HubJars.functions().toString()));
  }

  /**
   * The baseline: a bare Spring Cloud Function hello application ({@code
   * e2e/fixtures/hello-function}) launched exactly as a function is: staged by the same {@code
   * images/stage-rootfs} (the same jlinked JDK 25 runtime, the same {@code
   * functions/launch/jvm-options}), with an AOT cache of its own trained the same way.
   */
  static FunctionLaunch hello() {
    Path fixture = HubJars.root().resolve("e2e/fixtures/hello-function/target");
    run(
        List.of(
            HubJars.root().resolve("images/stage-rootfs").toString(),
            "--jar",
            fixture.resolve("hello-function.jar").toString(),
            "--jvm-options",
            HubJars.root().resolve("functions/launch/jvm-options").toString(),
            "--out",
            fixture.resolve("image").toString(),
            "--jib-cache",
            fixture.resolve("jib-cache").toString(),
            "--train-env",
            "PORT=0",
            "--train",
            HELLO));
    Path root = fixture.resolve("image/root");
    return new FunctionLaunch(
        HELLO,
        List.of(
            root.resolve("opt/java/bin/java").toString(),
            "@" + root.resolve("app/jvm-options"),
            "-XX:AOTCache=" + root.resolve("app/aot/hello.aot"),
            "-jar",
            root.resolve("app/hello-function.jar").toString()));
  }

  private static String run(List<String> command) {
    try {
      Process process =
          new ProcessBuilder(command)
              .directory(HubJars.root().toFile())
              .redirectError(ProcessBuilder.Redirect.INHERIT)
              .start();
      String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!process.waitFor(10, TimeUnit.MINUTES) || process.exitValue() != 0) {
        throw new IllegalStateException(String.join(" ", command) + " failed: " + output);
      }
      return output;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
