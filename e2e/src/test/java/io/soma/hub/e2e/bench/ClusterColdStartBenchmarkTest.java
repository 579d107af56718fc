package io.soma.hub.e2e.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.soma.hub.e2e.support.HubOnCluster;
import io.soma.hub.e2e.support.LocalTokens;
import io.soma.hub.testing.cluster.LocalCluster;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Issue 19's cold start as users pay it: on the local cluster's node, for {@code status} and {@code
 * createSession}, the first request from zero pods through the ingress and the activator, beside a
 * bare Spring Cloud Function hello image (staged like the functions' image: same runtime, JVM
 * options, an AOT cache of its own) and a static Go hello, deployed the same way; then a warm
 * request's first byte and the pod's memory. {@code ./hub bench coldstart --cluster} runs it; it
 * reports and does not assert speed.
 */
@Tag("bench")
class ClusterColdStartBenchmarkTest {

  static final String SPRING_HELLO_IMAGE = "dev.local/soma-agent-hub/hello-function:dev";
  static final String BASELINES_HOST = "bench.soma-hub.127.0.0.1.sslip.io";
  static final HttpClient HTTP =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(5))
          .build();

  /** A Service and the request that calls it through the ingress. */
  record Target(
      String service,
      String description,
      String host,
      String method,
      String path,
      String body,
      int status) {}

  @Test
  void fromZeroThroughTheIngress() throws Exception {
    int runs = Integer.getInteger("bench.coldstart.runs", 5);
    int warmCalls = Integer.getInteger("bench.coldstart.warm", 20);
    Path root = LocalCluster.root();
    Path springHello = root.resolve("e2e/fixtures/hello-function/target/jib-image.tar");
    assertThat(springHello)
        .as("the hello image (-Pbench-image of e2e/fixtures/hello-function)")
        .exists();
    LocalTokens tokens = LocalTokens.withRandomSecret();
    String token = tokens.mint("acme", "bench", "sessions:write", "sessions:read");
    List<Target> targets =
        List.of(
            new Target(
                "hub-status",
                "the hub's `GET /v1/status`",
                HubOnCluster.HOST,
                "GET",
                "/v1/status",
                null,
                200),
            new Target(
                "hub-create-session",
                "the hub's `POST /v1/sessions`",
                HubOnCluster.HOST,
                "POST",
                "/v1/sessions",
                "{\"prompt\":\"Plan a launch\"}",
                201),
            new Target(
                "bench-spring-hello",
                "bare Spring Cloud Function hello, staged like the functions",
                BASELINES_HOST,
                "GET",
                "/hello",
                null,
                200),
            new Target(
                "bench-go-hello",
                "static Go hello (`dev.local/hello:1`)",
                BASELINES_HOST,
                "GET",
                "/go",
                null,
                200));
    ClusterColdStartReport report = new ClusterColdStartReport(Machine.current());

    try (LocalCluster cluster = HubOnCluster.start("bench", tokens)) {
      HubOnCluster.load(cluster, springHello, SPRING_HELLO_IMAGE);
      cluster.kubectl(
          "apply", "--server-side", "-f", resource("cluster-bench/baselines.yaml").toString());
      cluster.kubectl(
          "-n",
          "soma-hub",
          "wait",
          "ksvc/bench-go-hello",
          "ksvc/bench-spring-hello",
          "--for=condition=Ready",
          "--timeout=120s");
      // Every Service answers once before the runs: nothing measured meets a first-ever start.
      for (Target target : targets) {
        call(cluster, target, token);
      }
      List<Target> order = new ArrayList<>(targets);
      for (int run = 1; run <= runs; run++) {
        await()
            .atMost(Duration.ofMinutes(5))
            .pollInterval(Duration.ofSeconds(1))
            .until(
                () ->
                    targets.stream()
                        .allMatch(t -> HubOnCluster.pods(cluster, t.service()).isEmpty()));
        for (Target target : order) {
          long start = System.nanoTime();
          call(cluster, target, token);
          double fromZero = (System.nanoTime() - start) / 1e6;
          List<Double> warm = new ArrayList<>();
          for (int i = 0; i < warmCalls; i++) {
            warm.add(call(cluster, target, token));
          }
          PodMemory memory = PodMemory.of(cluster, target.service());
          report.add(
              target.service(),
              target.description(),
              new ClusterColdStartReport.Run(fromZero, Stats.median(warm), memory));
          System.out.printf(
              "bench coldstart --cluster %s run %d: from zero %.0f ms, warm first byte %.1f ms,"
                  + " pod %d MiB (function %d MiB)%n",
              target.service(),
              run,
              fromZero,
              Stats.median(warm),
              memory.podBytes() >> 20,
              memory.containerBytes() >> 20);
        }
        Collections.rotate(order, 1);
      }
    }

    report.writeInto(
        root.resolve("docs/benchmarks.md"), "hub-status", "bench-go-hello", "bench-spring-hello");
    Path output = Files.createDirectories(root.resolve("e2e/target/bench"));
    Files.writeString(
        output.resolve("coldstart-cluster-ratio"),
        report.ratioLine("hub-status", "bench-go-hello") + "\n");
    System.out.println(report.section("hub-status", "bench-go-hello", "bench-spring-hello"));
  }

  /**
   * One request through the ingress; the milliseconds to its first byte (the status line and
   * headers).
   */
  private static double call(LocalCluster cluster, Target target, String token) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(cluster.ingress() + target.path()))
            .timeout(Duration.ofMinutes(2))
            .header("Host", target.host())
            .header("Authorization", "Bearer " + token)
            .method(
                target.method(),
                target.body() == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(target.body()));
    if (target.body() != null) {
      request.header("Content-Type", "application/json");
    }
    try {
      long start = System.nanoTime();
      HttpResponse<InputStream> response =
          HTTP.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
      double firstByte = (System.nanoTime() - start) / 1e6;
      try (InputStream body = response.body()) {
        String text = new String(body.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(response.statusCode())
            .as("%s %s: %s", target.method(), target.path(), text)
            .isEqualTo(target.status());
      }
      return firstByte;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static Path resource(String name) throws Exception {
    return Path.of(ClusterColdStartBenchmarkTest.class.getClassLoader().getResource(name).toURI());
  }
}
