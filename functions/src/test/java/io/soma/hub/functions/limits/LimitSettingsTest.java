package io.soma.hub.functions.limits;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

class LimitSettingsTest {

  private static final Map<String, Object> DEFAULTS =
      Map.of(
          "hub.rate-limits.default.reads", "100/1s",
          "hub.rate-limits.default.writes", "50/1s",
          "hub.rate-limits.default.sessions", "10/1s",
          "hub.rate-limits.default.running-sessions", "20");

  @Test
  void aTenantWithoutLimitsOfItsOwnHasTheDefaults() {
    LimitSettings settings = bind(DEFAULTS, Map.of());

    assertThat(settings.enabled()).isTrue();
    assertThat(settings.rateLimit("acme", RouteClass.READS)).isEqualTo(RateLimit.valueOf("100/1s"));
    assertThat(settings.rateLimit("acme", RouteClass.WRITES)).isEqualTo(RateLimit.valueOf("50/1s"));
    assertThat(settings.rateLimit("acme", RouteClass.SESSIONS))
        .isEqualTo(RateLimit.valueOf("10/1s"));
    assertThat(settings.runningSessions("acme")).isEqualTo(20);
  }

  @Test
  void aTenantsOwnLimitsOverrideThoseItNames() {
    Map<String, Object> properties = new HashMap<>(DEFAULTS);
    properties.put("hub.rate-limits.tenants.acme.sessions", "2/1m");
    properties.put("hub.rate-limits.tenants.acme.running-sessions", "3");
    properties.put("hub.rate-limits.tenants.[Globex.EU].reads", "5/10s");

    LimitSettings settings = bind(properties, Map.of());

    assertThat(settings.rateLimit("acme", RouteClass.SESSIONS))
        .isEqualTo(RateLimit.valueOf("2/1m"));
    assertThat(settings.rateLimit("acme", RouteClass.READS)).isEqualTo(RateLimit.valueOf("100/1s"));
    assertThat(settings.runningSessions("acme")).isEqualTo(3);
    assertThat(settings.rateLimit("Globex.EU", RouteClass.READS))
        .isEqualTo(RateLimit.valueOf("5/10s"));
    assertThat(settings.runningSessions("Globex.EU")).isEqualTo(20);
    assertThat(settings.rateLimit("globex.eu", RouteClass.READS))
        .as("tenant ids are exact")
        .isEqualTo(RateLimit.valueOf("100/1s"));
  }

  @Test
  void aTenantsLimitsCanComeFromEnvironmentVariables() {
    LimitSettings settings =
        bind(
            DEFAULTS,
            Map.of(
                "HUB_RATELIMITS_TENANTS_ACME_SESSIONS", "4/1m",
                "HUB_RATELIMITS_TENANTS_ACME_RUNNINGSESSIONS", "7"));

    assertThat(settings.rateLimit("acme", RouteClass.SESSIONS))
        .isEqualTo(RateLimit.valueOf("4/1m"));
    assertThat(settings.runningSessions("acme")).isEqualTo(7);
  }

  @Test
  void incompleteDefaultsOrAMalformedLimitStopTheStart() {
    Map<String, Object> withoutSessions = new HashMap<>(DEFAULTS);
    withoutSessions.remove("hub.rate-limits.default.sessions");
    Map<String, Object> malformed = new HashMap<>(DEFAULTS);
    malformed.put("hub.rate-limits.tenants.acme.reads", "100 per second");

    assertThatThrownBy(() -> bind(withoutSessions, Map.of()))
        .isInstanceOf(BindException.class)
        .rootCause()
        .hasMessageContaining(
            "hub.rate-limits.default needs reads, writes, sessions and running-sessions");
    assertThatThrownBy(() -> bind(malformed, Map.of()))
        .isInstanceOf(BindException.class)
        .rootCause()
        .hasMessageContaining("capacity/period, e.g. 100/1s; got '100 per second'");
  }

  private static LimitSettings bind(
      Map<String, Object> properties, Map<String, Object> environment) {
    StandardEnvironment env = new StandardEnvironment();
    env.getPropertySources().addFirst(new MapPropertySource("properties", properties));
    // Spring maps names like HUB_X_Y to hub.x.y only for a source named as the system environment
    // is.
    env.getPropertySources()
        .addFirst(new SystemEnvironmentPropertySource("test-systemEnvironment", environment));
    return new Binder(ConfigurationPropertySources.get(env))
        .bindOrCreate("hub.rate-limits", LimitSettings.class);
  }
}
