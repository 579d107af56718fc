package io.soma.hub.functions.wizards;

import io.soma.hub.functions.caller.Capabilities;
import io.soma.hub.functions.http.GatewayJson;
import io.soma.hub.functions.http.GatewayRoute;
import io.soma.hub.functions.http.IdempotencyKeys;
import io.soma.hub.functions.http.Reply;
import io.soma.hub.functions.wizards.WizardCommands.AnswerWizard;
import io.soma.hub.functions.wizards.WizardCommands.ApproveWizard;
import io.soma.hub.functions.wizards.WizardCommands.ListWizards;
import io.soma.hub.functions.wizards.WizardCommands.StartWizard;
import io.soma.hub.functions.wizards.WizardCommands.WizardLookup;
import io.soma.hub.functions.wizards.WizardViews.Answered;
import io.soma.hub.functions.wizards.WizardViews.Approved;
import io.soma.hub.functions.wizards.WizardViews.Catalogue;
import io.soma.hub.functions.wizards.WizardViews.Session;
import io.soma.hub.functions.wizards.WizardViews.Started;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;

/** The HTTP binding of the wizard functions. */
@Configuration(proxyBeanMethods = false)
public class WizardRoutes {

  @Bean
  GatewayRoute listWizardsRoute() {
    return GatewayRoute.of(
        HttpMethod.GET,
        "/v1/wizards",
        "listWizards",
        null,
        null,
        r -> new ListWizards(r.caller()),
        Catalogue.class,
        Reply::ok);
  }

  @Bean
  GatewayRoute startWizardRoute() {
    return GatewayRoute.of(
        HttpMethod.POST,
        "/v1/wizards/start",
        "startWizard",
        Capabilities.WIZARDS_WRITE,
        StartWizardBody.class,
        r -> new StartWizard(r.caller(), r.body(StartWizardBody.class)),
        Started.class,
        started -> Reply.created(started, "/v1/wizards/" + started.sessionId()));
  }

  @Bean
  GatewayRoute answerWizardRoute() {
    return GatewayRoute.of(
        HttpMethod.POST,
        "/v1/wizards/{id}/answer",
        "answerWizard",
        Capabilities.WIZARDS_WRITE,
        AnswerBody.class,
        r -> {
          AnswerBody body = r.body(AnswerBody.class);
          return new AnswerWizard(
              r.caller(),
              r.pathVariable("id"),
              GatewayJson.MAPPER.treeToValue(body.value(), Object.class),
              body.questionId(),
              IdempotencyKeys.check(r.header("Idempotency-Key").orElse(null)));
        },
        Answered.class,
        Reply::ok);
  }

  @Bean
  GatewayRoute getWizardRoute() {
    return GatewayRoute.of(
        HttpMethod.GET,
        "/v1/wizards/{id}",
        "getWizard",
        Capabilities.WIZARDS_WRITE,
        null,
        r -> new WizardLookup(r.caller(), r.pathVariable("id")),
        Session.class,
        Reply::ok);
  }

  /** Takes no body (any body is ignored): approving is idempotent and says nothing but "go". */
  @Bean
  GatewayRoute approveWizardRoute() {
    return GatewayRoute.of(
        HttpMethod.POST,
        "/v1/wizards/{id}/approve",
        "approveWizard",
        Capabilities.CAMPAIGNS_WRITE,
        null,
        r -> new ApproveWizard(r.caller(), r.pathVariable("id")),
        Approved.class,
        Reply::accepted);
  }
}
