package io.soma.hub.worker.session;

import java.time.Duration;
import java.time.temporal.ChronoUnit;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.boot.convert.DurationUnit;

/** Signing of the scoped session tokens; issuer and audience match what the gateway checks. */
@ConfigurationProperties("hub.jwt")
public record JwtProperties(
    String secret,
    String issuer,
    String audience,
    @DurationUnit(ChronoUnit.SECONDS) @DefaultValue("5m") Duration scopedTokenTtl) {}
