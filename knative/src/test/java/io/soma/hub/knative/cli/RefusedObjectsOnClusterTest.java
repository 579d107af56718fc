package io.soma.hub.knative.cli;

import static io.soma.hub.knative.cli.KnativeOnCluster.cli;
import static org.assertj.core.api.Assertions.assertThat;

import io.soma.hub.knative.cluster.KnativeCluster;
import io.soma.hub.knative.cluster.KnativeClusterExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Objects the real Knative webhook or API server refuses: the CLI shows the refusal as the cluster
 * words it, exits 1, and applies nothing of the deploy, not even its good objects.
 */
@ExtendWith(KnativeClusterExtension.class)
@DisplayName("deploy of objects the real cluster refuses")
class RefusedObjectsOnClusterTest {

  static final String NS = "refused";

  static final String GOOD =
      """
      apiVersion: serving.knative.dev/v1
      kind: Service
      metadata:
        name: a-good-one
      spec:
        template:
          spec:
            containers:
              - image: dev.local/probe:1
      """;

  @BeforeAll
  static void namespace(KnativeCluster cluster) {
    cluster.kubectl("create", "namespace", NS);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
      a traffic split of 110% | '  traffic: [{latestRevision: true, percent: 60}, {revisionName: x-1, percent: 50}]' | | Traffic targets sum to 110, want 100: spec.traffic
      a privileged container  | '' | '          securityContext: {privileged: true}' | must not set the field(s): spec.template.spec.containers[0].securityContext.privileged
      an unknown field        | '' | '          imagePullPolicyy: Always' | .spec.template.spec.containers[0].imagePullPolicyy: field not declared in schema
      """)
  void refused(
      String what,
      String serviceSpec,
      String container,
      String message,
      KnativeCluster cluster,
      @TempDir Path dir)
      throws Exception {
    Files.writeString(dir.resolve("a-good-one.yaml"), GOOD);
    Files.writeString(
        dir.resolve("bad.yaml"),
        """
        apiVersion: serving.knative.dev/v1
        kind: Service
        metadata:
          name: bad
        spec:
        %s
          template:
            spec:
              containers:
                - image: dev.local/probe:1
        %s
        """
            .formatted(serviceSpec == null ? "" : serviceSpec, container == null ? "" : container));

    CliRun run =
        cli(
            cluster,
            NS,
            "deploy",
            "--all",
            "--manifests",
            dir.toString(),
            "--image",
            "dev.local/probe:2");

    assertThat(run.exitCode()).as(run.toString()).isEqualTo(1);
    assertThat(run.out()).contains("refused Service bad: ").contains(message);
    assertThat(run.err()).contains("1 of 2 objects refused, nothing applied");
    try (var client = cluster.knative()) {
      assertThat(client.services().inNamespace(NS).list().getItems()).isEmpty();
    }
  }
}
