package io.soma.hub.functions.sessions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.soma.hub.functions.caller.Caller;
import io.soma.hub.functions.errors.NotFoundException;
import io.soma.hub.functions.support.TemporalTestServer;
import io.soma.hub.orchestration.session.SessionIds;
import io.soma.hub.orchestration.session.SessionRequest;
import io.soma.hub.orchestration.session.SessionStep;
import io.temporal.testing.TestWorkflowEnvironment;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The getSession function as plain Java against Temporal's in-memory test server (no worker:
 * sessions stay open).
 */
class GetSessionTest {

  private final TestWorkflowEnvironment temporal = TemporalTestServer.start();
  private final GetSession getSession =
      new GetSession(new SessionReader(temporal.getWorkflowClient()));
  private final Caller ann = new Caller("acme", "ann", Set.of());

  @AfterEach
  void stopTemporal() {
    temporal.close();
  }

  private String started(String tenant) {
    String id = SessionIds.newSessionId();
    new SessionStarter(temporal.getWorkflowClient(), new SimpleMeterRegistry())
        .start(new SessionRequest(id, tenant, "ann", List.of(), "hello", null, Map.of()));
    return id;
  }

  @Test
  void aStartedSessionIsRunningWithItsStepsPending() {
    String id = started("acme");

    SessionView view = getSession.apply(new SessionLookup(ann, id));

    assertThat(view.sessionId()).isEqualTo(id);
    assertThat(view.status()).isEqualTo(SessionView.Status.RUNNING);
    assertThat(view.steps()).isEqualTo(SessionStep.plan());
    assertThat(view.result()).isNull();
  }

  @Test
  void anotherTenantsSessionIsNotFound() {
    String id = started("globex");

    assertThatThrownBy(() -> getSession.apply(new SessionLookup(ann, id)))
        .isInstanceOf(NotFoundException.class);
  }

  @Test
  void unknownAndMalformedIdsAreNotFound() {
    assertThatThrownBy(() -> getSession.apply(new SessionLookup(ann, SessionIds.newSessionId())))
        .isInstanceOf(NotFoundException.class);
    assertThatThrownBy(() -> getSession.apply(new SessionLookup(ann, "../../etc")))
        .isInstanceOf(NotFoundException.class);
  }
}
