package io.soma.hub.functions.moderation;

import io.micrometer.core.instrument.MeterRegistry;
import io.soma.hub.store.ModerationStrikes;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
public class ModerationConfiguration {

  @Bean
  ModerationMetrics moderationMetrics(MeterRegistry registry) {
    return new ModerationMetrics(registry);
  }

  @Bean
  ModerationGuard moderationGuard(
      @Value("${HUB_MODERATION_BLOCKLIST:jailbreak,exploit,malware,self-harm}") String blocklist,
      @Value("${HUB_MODERATION_BLOCK_AFTER:1}") int blockAfter,
      ModerationStrikes strikes,
      ModerationMetrics metrics) {
    return new ModerationGuard(ModerationRules.parse(blocklist, blockAfter), strikes, metrics);
  }
}
