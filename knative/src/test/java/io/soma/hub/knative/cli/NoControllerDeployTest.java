package io.soma.hub.knative.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.knative.client.KnativeClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@EnableKubernetesMockClient(crud = true)
class NoControllerDeployTest {

  KnativeClient client;

  @Test
  @DisplayName("without a Serving controller the deploy times out saying no status was ever written")
  void noStatusAtAll() {
    CliRun run = CliRun.run(client, "deploy", "--function", "createSession", "--image", "reg/functions:1.0",
        "--timeout", "200ms");

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.err()).contains("hub-create-session was not Ready within 200ms: the controller has not observed "
        + "generation 1 yet; last status: no conditions reported yet (is the Knative Serving controller running?)");
  }
}
