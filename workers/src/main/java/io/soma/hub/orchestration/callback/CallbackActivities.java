package io.soma.hub.orchestration.callback;

import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;

@ActivityInterface
public interface CallbackActivities {

  /**
   * POSTs the callback once, signed; fails (retryably unless the destination is refused or gone)
   * unless 2xx.
   */
  @ActivityMethod
  void post(CallbackDelivery delivery);
}
