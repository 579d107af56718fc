package io.soma.hub.functions.wizards;

import java.time.Duration;

/**
 * @param idleTimeout how long a wizard waits for its next answer or approval ({@code HUB_WIZARD_TTL})
 * @param approvalTimeout how long an approved campaign waits for its approval signal
 *     ({@code HUB_CAMPAIGN_APPROVAL_TIMEOUT})
 * @param callTimeout the longest an answer or approval waits for the worker before answering 503
 */
public record WizardSettings(Duration idleTimeout, Duration approvalTimeout, Duration callTimeout) {

  public WizardSettings {
    requirePositive("HUB_WIZARD_TTL", idleTimeout);
    requirePositive("HUB_CAMPAIGN_APPROVAL_TIMEOUT", approvalTimeout);
    requirePositive("hub.wizards.call-timeout", callTimeout);
  }

  private static void requirePositive(String name, Duration value) {
    if (value == null || value.isNegative() || value.isZero() || value.toSeconds() < 1) {
      throw new IllegalStateException(name + " must be a positive duration of at least one second, not " + value);
    }
  }
}
