package io.soma.hub.functions.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.soma.hub.functions.support.GatewayTestConfiguration;
import io.soma.hub.functions.support.HttpCalls;
import io.soma.hub.functions.support.TestTokens;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Import;

/**
 * As one Knative Service runs it: spring.cloud.function.definition selects the single function that
 * is served.
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "spring.cloud.function.definition=status",
      "HUB_JWT_SECRET=" + TestTokens.SECRET,
      "HUB_DB_URL=jdbc:h2:mem:gateway-single;DB_CLOSE_DELAY=-1;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE"
    })
@Import(GatewayTestConfiguration.class)
class SingleFunctionModeTest {

  @LocalServerPort int port;

  @Autowired ConfigurableApplicationContext context;

  @Test
  void servesOnlyTheSelectedFunction() {
    HttpCalls http = new HttpCalls(port);
    String token = TestTokens.hs256("acme", "ann", "sessions:write");

    assertThat(http.get("/v1/status", token).status()).isEqualTo(200);
    assertThat(http.postJson("/v1/sessions", token, "{\"prompt\":\"hi\"}").status()).isEqualTo(404);
    assertThat(http.get("/health/readiness", null).status()).isEqualTo(200);
  }

  @Test
  void initialisesOnlyTheSelectedFunctionsBeans() {
    ConfigurableListableBeanFactory beans = context.getBeanFactory();

    assertThat(beans.containsSingleton("status")).as("the selected function").isTrue();
    assertThat(beans.containsSingleton("createSession")).as("another feature's function").isFalse();
    assertThat(beans.containsSingleton("searchMemory")).as("another feature's function").isFalse();
  }
}
