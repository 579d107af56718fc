package io.soma.hub.orchestration.session;

/**
 * Application failure types raised by the session workflow and its activities. Types marked
 * non-retryable here are listed in {@link SessionActivityOptions} so that Temporal stops retrying
 * them at once.
 */
public final class SessionFailures {

  /** The policy check denied the session; the workflow fails with this type and the reasons. */
  public static final String POLICY_DENIED = "PolicyDenied";

  /** The policy engine refused the request itself (a 4xx): the input or the policy is broken. */
  public static final String POLICY_ENGINE_REJECTED = "PolicyEngineRejected";

  /** The policy engine could not be asked; retried, and never read as an allow. */
  public static final String POLICY_ENGINE_UNAVAILABLE = "PolicyEngineUnavailable";

  /** The model provider refused the request (a 4xx other than 408 and 429). */
  public static final String MODEL_PROVIDER_REJECTED = "ModelProviderRejected";

  /** The model provider answered 2xx with something that is not a chat completion. */
  public static final String MODEL_PROVIDER_BAD_RESPONSE = "ModelProviderBadResponse";

  /** The model provider is overloaded, failing or unreachable; retried. */
  public static final String MODEL_PROVIDER_UNAVAILABLE = "ModelProviderUnavailable";

  /** The worker lacks configuration an activity needs (a signing secret, for example). */
  public static final String WORKER_MISCONFIGURED = "WorkerMisconfigured";

  private SessionFailures() {}
}
