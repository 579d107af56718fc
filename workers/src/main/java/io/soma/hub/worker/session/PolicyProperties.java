package io.soma.hub.worker.session;

import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.boot.convert.DurationUnit;

/**
 * The session policy: tenants denied outright, and the optional OPA server asked after the local
 * rules.
 */
@ConfigurationProperties("hub.policy")
public record PolicyProperties(
    @DefaultValue List<String> deniedTenants,
    String opaUrl,
    @DurationUnit(ChronoUnit.SECONDS) @DefaultValue("2s") Duration opaConnectTimeout,
    @DurationUnit(ChronoUnit.SECONDS) @DefaultValue("5s") Duration opaTimeout) {}
