package io.soma.hub.orchestration.wizard;

/**
 * Memo keys of a wizard workflow, written by the gateway at start; the tenant is checked on every
 * call.
 */
public final class WizardMemo {

  public static final String TENANT = "tenant";
  public static final String WIZARD_ID = "wizard_id";

  private WizardMemo() {}
}
