package io.soma.hub.flink.manifests;

import static org.assertj.core.api.Assertions.assertThat;

import io.soma.hub.flink.job.EventCountJob;
import io.soma.hub.flink.job.JobSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.flink.util.TimeUtils;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * What the manifests tell the job must be what the job understands: the shipped config.yaml and the
 * FlinkDeployment's flinkConfiguration are the same, the job arguments parse, the checkpoint
 * interval the job sets is the cluster's, and the jar and entry class exist. (Their CRD schemas are
 * checked in the knative module.)
 */
@DisplayName("The Flink manifests agree with the job and with each other")
class FlinkDeploymentContractTest {

  @Test
  @DisplayName(
      "flink-conf/config.yaml and the FlinkDeployment's flinkConfiguration hold the same keys and values")
  void configIsTheSame() {
    assertThat(flinkConfiguration()).isEqualTo(ShippedYaml.flinkConfig());
  }

  @Test
  @DisplayName("the job's arguments parse, and its checkpoint interval and mode are the cluster's")
  void argumentsParse() {
    Map<String, Object> job = map(spec().get("job"));
    List<String> args = ((List<?>) job.get("args")).stream().map(String::valueOf).toList();

    JobSettings settings =
        JobSettings.from(
            args.toArray(String[]::new), Map.of("HUB_KAFKA_BOOTSTRAP_SERVERS", "kafka:9092"));

    Map<String, Object> config = flinkConfiguration();
    assertThat(settings.checkpointInterval())
        .isEqualTo(
            TimeUtils.parseDuration((String) config.get("execution.checkpointing.interval")));
    assertThat(config.get("execution.checkpointing.mode")).isEqualTo("EXACTLY_ONCE");
    // A Kafka transaction must outlive a checkpoint interval and stay under the brokers' default
    // maximum.
    assertThat(settings.transactionTimeout())
        .isGreaterThan(settings.checkpointInterval())
        .isLessThanOrEqualTo(Duration.ofMinutes(15));
    assertThat(job.get("entryClass")).isEqualTo(EventCountJob.class.getName());
    assertThat(job.get("parallelism"))
        .isEqualTo(Integer.valueOf((String) config.get("parallelism.default")));
  }

  @Test
  @DisplayName(
      "the jarURI names the jar the build makes and the image copies, on the Flink version of the build")
  void jarIsTheBuiltOne() throws IOException {
    String jarUri = (String) map(spec().get("job")).get("jarURI");
    String dockerfile = Files.readString(ShippedYaml.MANIFESTS.resolve("../Dockerfile"));

    assertThat(jarUri).isEqualTo("local:///opt/flink/usrlib/soma-flink-job.jar");
    assertThat(dockerfile)
        .contains(
            "COPY --chown=flink:flink target/soma-flink-job.jar /opt/flink/usrlib/soma-flink-job.jar");
    // The image's Flink is the one the job is built and tested against.
    assertThat(dockerfile)
        .contains("FROM flink:" + System.getProperty("hub.flink.version") + "-java17");
  }

  private static Map<String, Object> spec() {
    return map(ShippedYaml.load("flink-deployment.yaml").get("spec"));
  }

  private static Map<String, Object> flinkConfiguration() {
    return map(spec().get("flinkConfiguration"));
  }

  private static Map<String, Object> map(Object node) {
    return ShippedYaml.map(node);
  }
}
