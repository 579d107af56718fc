package io.soma.hub.functions.wizards;

import java.time.Duration;

/**
 * @param idleTimeout how long a wizard waits for its next answer or approval ({@code
 *     HUB_WIZARD_TTL})
 * @param approvalTimeout how long an approved campaign waits for its approval decision ({@code
 *     HUB_CAMPAIGN_APPROVAL_TIMEOUT})
 */
public record WizardSettings(Duration idleTimeout, Duration approvalTimeout) {

  public WizardSettings {
    requirePositive("HUB_WIZARD_TTL", idleTimeout);
    requirePositive("HUB_CAMPAIGN_APPROVAL_TIMEOUT", approvalTimeout);
  }

  private static void requirePositive(String name, Duration value) {
    if (value == null || value.isNegative() || value.isZero() || value.toSeconds() < 1) {
      throw new IllegalStateException(
          name + " must be a positive duration of at least one second, not " + value);
    }
  }
}
