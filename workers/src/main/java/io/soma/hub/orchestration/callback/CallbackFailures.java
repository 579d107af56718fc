package io.soma.hub.orchestration.callback;

/** Application failure types of a callback's delivery; the first two are not retried. */
public final class CallbackFailures {

  /**
   * The URL, or an address its host resolves to, is not one the hub may call
   * (CallbackDestinations).
   */
  public static final String DESTINATION_REFUSED = "CallbackDestinationRefused";

  /** The receiver answered 410 Gone: it wants no more callbacks. */
  public static final String RECEIVER_GONE = "CallbackReceiverGone";

  /** The worker has no HUB_CALLBACK_KEY to sign with. */
  public static final String NOT_CONFIGURED = "CallbacksNotConfigured";

  /** The receiver answered other than 2xx, or could not be reached; retried. */
  public static final String NOT_DELIVERED = "CallbackNotDelivered";

  private CallbackFailures() {}
}
