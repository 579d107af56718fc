package io.soma.hub.functions.schedules;

import java.util.function.Function;

/**
 * {@code listSchedules}: every schedule of the caller's tenant, in one page. Not paged as sessions
 * are: a tenant has at most {@code HUB_SCHEDULES_PER_TENANT} (20 unless configured), fewer than a
 * page of sessions.
 */
public class ListSchedules implements Function<ScheduleListing, SchedulePage> {

  private final TenantSchedules schedules;

  public ListSchedules(TenantSchedules schedules) {
    this.schedules = schedules;
  }

  @Override
  public SchedulePage apply(ScheduleListing listing) {
    return new SchedulePage(schedules.list(listing.caller().tenant()));
  }
}
