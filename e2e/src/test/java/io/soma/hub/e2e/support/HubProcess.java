package io.soma.hub.e2e.support;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One of our Java processes ({@code java -jar functions.jar} and the like), run with the same java
 * as the tests, its output in {@code target/e2e-logs/<name>.log}, ready when an HTTP URL answers
 * 200.
 */
public final class HubProcess implements AutoCloseable {

  private static final Duration STOP_GRACE = Duration.ofSeconds(30);
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();

  private final String name;
  private final List<String> command;
  private final Map<String, String> environment;
  private final URI readiness;
  private final Path log;
  private Duration readinessTimeout = Duration.ofMinutes(3);
  private Process process;

  private HubProcess(
      String name, List<String> command, Map<String, String> environment, URI readiness) {
    this.name = name;
    this.command = List.copyOf(command);
    this.environment = Map.copyOf(environment);
    this.readiness = readiness;
    this.log = ChildProcesses.newLog(name);
  }

  /** {@code java -jar jar}; not started yet. */
  public static HubProcess jar(
      String name, Path jar, Map<String, String> environment, URI readiness) {
    return java(name, List.of("-jar", jar.toString()), environment, readiness);
  }

  /** {@code java <arguments>}; not started yet. */
  public static HubProcess java(
      String name, List<String> arguments, Map<String, String> environment, URI readiness) {
    List<String> command = new ArrayList<>();
    command.add(javaExecutable());
    command.addAll(arguments);
    return new HubProcess(name, command, environment, readiness);
  }

  /** Any executable with its arguments, e.g. prometheus; not started yet. */
  public static HubProcess command(
      String name, List<String> command, Map<String, String> environment, URI readiness) {
    return new HubProcess(name, command, environment, readiness);
  }

  public HubProcess readinessTimeout(Duration timeout) {
    this.readinessTimeout = timeout;
    return this;
  }

  /** Starts the process and waits until it is ready; fails with the log tail if it is not. */
  public synchronized HubProcess start() {
    if (isAlive()) {
      throw new IllegalStateException(name + " is already running");
    }
    process = ChildProcesses.start(name, command, environment, log);
    try {
      awaitReady();
    } catch (RuntimeException | AssertionError e) {
      ChildProcesses.kill(process);
      throw e;
    }
    return this;
  }

  /**
   * Runs the process to its end instead of waiting for readiness: a command such as {@code
   * functions.jar migrate}, or a start expected to fail. Its output is in its log.
   *
   * @return the exit code; fails with the log tail when it has not ended within the timeout (and
   *     kills it)
   */
  public synchronized int runToExit(Duration timeout) {
    if (isAlive()) {
      throw new IllegalStateException(name + " is already running");
    }
    process = ChildProcesses.start(name, command, environment, log);
    try {
      if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        ChildProcesses.kill(process);
        throw failure(name + " did not exit within " + timeout);
      }
    } catch (InterruptedException e) {
      ChildProcesses.kill(process);
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted waiting for " + name, e);
    }
    return process.exitValue();
  }

  /** SIGTERM and wait for the exit (SIGKILL after 30 s). */
  public synchronized void stop() {
    ChildProcesses.terminate(process, STOP_GRACE);
  }

  /** SIGKILL: no shutdown hooks, no graceful drain. */
  public synchronized void kill9() {
    ChildProcesses.kill(process);
  }

  public synchronized HubProcess restart() {
    stop();
    return start();
  }

  public synchronized boolean isAlive() {
    return process != null && process.isAlive();
  }

  public synchronized long pid() {
    return process.pid();
  }

  public String name() {
    return name;
  }

  public Path log() {
    return log;
  }

  public String logTail(int lines) {
    return ChildProcesses.tail(log, lines);
  }

  @Override
  public void close() {
    stop();
  }

  private void awaitReady() {
    long deadline = System.nanoTime() + readinessTimeout.toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw failure(
            name + " exited with " + process.exitValue() + " before " + readiness + " was ready");
      }
      if (answers200()) {
        return;
      }
      pause();
    }
    throw failure(name + " did not answer 200 on " + readiness + " within " + readinessTimeout);
  }

  private boolean answers200() {
    HttpRequest request =
        HttpRequest.newBuilder(readiness).timeout(Duration.ofSeconds(2)).GET().build();
    try {
      return HTTP.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted waiting for " + name, e);
    }
  }

  private AssertionError failure(String message) {
    return new AssertionError(message + "; last lines of " + log + ":\n" + logTail(60));
  }

  private static void pause() {
    try {
      Thread.sleep(200);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static String javaExecutable() {
    return ProcessHandle.current()
        .info()
        .command()
        .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
  }
}
