package io.soma.hub.worker.campaign;

import java.time.Duration;
import java.time.temporal.ChronoUnit;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.boot.convert.DurationUnit;

/**
 * @param metricsWindow campaigns recorded this recently get their analytics counter back when the
 *     worker starts (HUB_CAMPAIGN_METRICS_WINDOW); it bounds the counter's label cardinality. Bare
 *     numbers are days.
 */
@ConfigurationProperties("hub.campaign")
public record CampaignProperties(
    @DurationUnit(ChronoUnit.DAYS) @DefaultValue("7d") Duration metricsWindow) {}
