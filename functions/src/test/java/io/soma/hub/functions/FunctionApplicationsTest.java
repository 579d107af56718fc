package io.soma.hub.functions;

import static org.assertj.core.api.Assertions.assertThat;

import io.soma.hub.functions.http.DeclaredRoutes;
import io.soma.hub.functions.http.GatewayRoute;
import io.soma.hub.functions.memory.MemoryApplication;
import io.soma.hub.functions.schedules.SchedulesApplication;
import io.soma.hub.functions.sessions.SessionsApplication;
import io.soma.hub.functions.status.StatusApplication;
import io.soma.hub.functions.wizards.WizardsApplication;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class FunctionApplicationsTest {

  @Test
  void oneFeatureSelectedStartsThatFeaturesApplication() {
    assertThat(FunctionApplications.forDefinition("status")).isEqualTo(StatusApplication.class);
    assertThat(FunctionApplications.forDefinition("createSession"))
        .isEqualTo(SessionsApplication.class);
    assertThat(FunctionApplications.forDefinition(" getSession ; createSession"))
        .isEqualTo(SessionsApplication.class);
    assertThat(FunctionApplications.forDefinition("approveWizard"))
        .isEqualTo(WizardsApplication.class);
    assertThat(FunctionApplications.forDefinition("refreshMemory"))
        .isEqualTo(MemoryApplication.class);
    assertThat(FunctionApplications.forDefinition("deleteSchedule;getSchedule"))
        .isEqualTo(SchedulesApplication.class);
  }

  @Test
  void anythingElseStartsTheWholeGateway() {
    assertThat(FunctionApplications.forDefinition(null)).isEqualTo(GatewayApplication.class);
    assertThat(FunctionApplications.forDefinition("")).isEqualTo(GatewayApplication.class);
    assertThat(FunctionApplications.forDefinition("status;createSession"))
        .isEqualTo(GatewayApplication.class);
    assertThat(FunctionApplications.forDefinition("noSuchFunction"))
        .isEqualTo(GatewayApplication.class);
  }

  @Test
  void theFeaturesShareNoFunctionAndCoverEveryOne() {
    Set<String> all =
        FunctionApplications.FEATURES.values().stream()
            .flatMap(Set::stream)
            .collect(Collectors.toSet());
    int declared = FunctionApplications.FEATURES.values().stream().mapToInt(Set::size).sum();
    Set<String> routed =
        DeclaredRoutes.all().stream().map(GatewayRoute::function).collect(Collectors.toSet());
    assertThat(all).hasSize(declared).isEqualTo(routed);
  }

  @Test
  void theDefinitionIsReadAsSpringReadsIt() {
    assertThat(
            FunctionApplications.definition(
                new String[] {"--spring.cloud.function.definition=status"}))
        .isEqualTo("status");
  }
}
