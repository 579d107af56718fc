package io.soma.hub.orchestration.wizard;

import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Wizard session ids ({@code wiz-} and 12 hex digits, as in the original system) and their workflow
 * ids.
 */
public final class WizardIds {

  private static final Pattern SESSION_ID = Pattern.compile("wiz-[0-9a-f]{12}");
  private static final String WORKFLOW_PREFIX = "wizard-";

  private WizardIds() {}

  public static String newSessionId() {
    return "wiz-" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
  }

  /** Anything else can name no session, so it is refused before Temporal is asked. */
  public static boolean isSessionId(String candidate) {
    return candidate != null && SESSION_ID.matcher(candidate).matches();
  }

  public static String workflowId(String sessionId) {
    return WORKFLOW_PREFIX + sessionId;
  }
}
