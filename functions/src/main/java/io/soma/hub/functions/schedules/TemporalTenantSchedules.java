package io.soma.hub.functions.schedules;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.soma.hub.functions.errors.IdempotencyKeyReusedException;
import io.soma.hub.functions.errors.InvalidInputException;
import io.soma.hub.functions.temporal.BoundedCalls;
import io.soma.hub.orchestration.HubSearchAttributes;
import io.soma.hub.orchestration.TaskQueues;
import io.soma.hub.orchestration.schedule.ScheduleIds;
import io.soma.hub.orchestration.schedule.ScheduleMemo;
import io.soma.hub.orchestration.schedule.ScheduledSessionWorkflow;
import io.soma.hub.orchestration.session.SessionStarts;
import io.temporal.api.enums.v1.ScheduleOverlapPolicy;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.schedules.Schedule;
import io.temporal.client.schedules.ScheduleActionExecutionStartWorkflow;
import io.temporal.client.schedules.ScheduleActionResult;
import io.temporal.client.schedules.ScheduleActionStartWorkflow;
import io.temporal.client.schedules.ScheduleAlreadyRunningException;
import io.temporal.client.schedules.ScheduleClient;
import io.temporal.client.schedules.ScheduleDescription;
import io.temporal.client.schedules.ScheduleHandle;
import io.temporal.client.schedules.ScheduleListDescription;
import io.temporal.client.schedules.ScheduleOptions;
import io.temporal.client.schedules.SchedulePolicy;
import io.temporal.client.schedules.ScheduleSpec;
import io.temporal.common.SearchAttributes;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The tenants' schedules as Temporal Schedules. Each is created under {@link
 * ScheduleIds#temporalId}, a digest of its tenant in the id, so a tenant's lookup can only ever
 * name its own; its memo names the tenant as well, and is checked on every read, as a session's is.
 * Its runs start {@link ScheduledSessionWorkflow} on the sessions task queue, at most one at a time
 * (a run still going when the next is due makes that one skipped), and a run missed while Temporal
 * was down is started late only within {@link #CATCHUP_WINDOW}.
 */
public class TemporalTenantSchedules implements TenantSchedules {

  /** A run due while Temporal could not start it starts late within this window, else never. */
  static final Duration CATCHUP_WINDOW = Duration.ofMinutes(10);

  /** How many of the next times a view shows. */
  static final int NEXT_RUNS = 5;

  /** Enough for every schedule a tenant can have in one call. */
  private static final int LIST_PAGE = 1000;

  private final ScheduleClient client;

  public TemporalTenantSchedules(ScheduleClient client) {
    this.client = client;
  }

  @Override
  public boolean create(NewSchedule schedule) {
    String temporalId = ScheduleIds.temporalId(schedule.tenant(), schedule.scheduleId());
    SearchAttributes attributes =
        SessionStarts.searchAttributes(schedule.tenant(), schedule.run().subject());
    Schedule temporal =
        Schedule.newBuilder()
            .setAction(
                ScheduleActionStartWorkflow.newBuilder()
                    .setWorkflowType(ScheduledSessionWorkflow.class)
                    .setArguments(schedule.run())
                    .setOptions(
                        WorkflowOptions.newBuilder()
                            .setWorkflowId(temporalId)
                            .setTaskQueue(TaskQueues.SESSIONS)
                            // The run waits for its session, which its own timeout ends.
                            .setWorkflowExecutionTimeout(
                                SessionStarts.EXECUTION_TIMEOUT.plus(Duration.ofMinutes(5)))
                            .setTypedSearchAttributes(attributes)
                            .build())
                    .build())
            .setSpec(
                ScheduleSpec.newBuilder()
                    .setCronExpressions(List.of(schedule.cron()))
                    .setTimeZoneName(schedule.timezone())
                    .build())
            .setPolicy(
                SchedulePolicy.newBuilder()
                    .setOverlap(ScheduleOverlapPolicy.SCHEDULE_OVERLAP_POLICY_SKIP)
                    .setCatchupWindow(CATCHUP_WINDOW)
                    .setPauseOnFailure(false)
                    .build())
            .build();
    ScheduleOptions options =
        ScheduleOptions.newBuilder()
            .setMemo(
                Map.of(
                    ScheduleMemo.TENANT, schedule.tenant(),
                    ScheduleMemo.CRON, schedule.cron(),
                    ScheduleMemo.TIMEZONE, schedule.timezone(),
                    ScheduleMemo.PROMPT, schedule.run().prompt(),
                    ScheduleMemo.CREATED_AT, schedule.createdAt(),
                    ScheduleMemo.REQUEST_FINGERPRINT, schedule.fingerprint()))
            .setTypedSearchAttributes(attributes)
            .build();
    try {
      client.createSchedule(temporalId, temporal, options);
      return true;
    } catch (ScheduleAlreadyRunningException exists) {
      String fingerprint =
          described(schedule.tenant(), schedule.scheduleId())
              .map(d -> memo(d::getMemo, ScheduleMemo.REQUEST_FINGERPRINT))
              .orElse(null);
      if (!schedule.fingerprint().equals(fingerprint)) {
        throw new IdempotencyKeyReusedException();
      }
      return false;
    } catch (RuntimeException e) {
      throw refusedOrUnavailable(e);
    }
  }

  @Override
  public Optional<ScheduleView> describe(String tenant, String scheduleId) {
    return described(tenant, scheduleId).map(TemporalTenantSchedules::view);
  }

  @Override
  public List<SchedulePage.Summary> list(String tenant) {
    String query =
        HubSearchAttributes.TENANT.getName() + " = '" + HubSearchAttributes.keyword(tenant) + "'";
    try {
      return client
          .listSchedules(query, LIST_PAGE)
          .filter(entry -> tenant.equals(memo(entry::getMemo, ScheduleMemo.TENANT)))
          .map(TemporalTenantSchedules::summary)
          .sorted(
              Comparator.comparing(
                      SchedulePage.Summary::createdAt,
                      Comparator.nullsFirst(Comparator.naturalOrder()))
                  .thenComparing(SchedulePage.Summary::scheduleId))
          .toList();
    } catch (RuntimeException e) {
      throw BoundedCalls.unavailable(e);
    }
  }

  @Override
  public boolean setPaused(String tenant, String scheduleId, boolean paused) {
    return onOwn(
        tenant,
        scheduleId,
        handle -> {
          if (paused) {
            handle.pause("paused through the API");
          } else {
            handle.unpause("unpaused through the API");
          }
        });
  }

  @Override
  public boolean delete(String tenant, String scheduleId) {
    return onOwn(tenant, scheduleId, ScheduleHandle::delete);
  }

  /** Does it to the schedule if it is the tenant's; false when it is not, or no longer exists. */
  private boolean onOwn(
      String tenant, String scheduleId, java.util.function.Consumer<ScheduleHandle> action) {
    if (described(tenant, scheduleId).isEmpty()) {
      return false;
    }
    try {
      action.accept(client.getHandle(ScheduleIds.temporalId(tenant, scheduleId)));
      return true;
    } catch (RuntimeException e) {
      if (notFound(e)) {
        return false;
      }
      throw BoundedCalls.unavailable(e);
    }
  }

  /** The schedule's description, if it exists and its memo names the tenant. */
  private Optional<ScheduleDescription> described(String tenant, String scheduleId) {
    ScheduleDescription description;
    try {
      description = client.getHandle(ScheduleIds.temporalId(tenant, scheduleId)).describe();
    } catch (RuntimeException e) {
      if (notFound(e)) {
        return Optional.empty();
      }
      throw BoundedCalls.unavailable(e);
    }
    return tenant.equals(memo(description::getMemo, ScheduleMemo.TENANT))
        ? Optional.of(description)
        : Optional.empty();
  }

  private static ScheduleView view(ScheduleDescription description) {
    String zone = memo(description::getMemo, ScheduleMemo.TIMEZONE);
    String scheduleId = scheduleIdOf(description.getId());
    boolean paused = description.getSchedule().getState().isPaused();
    List<String> next =
        paused
            ? List.of()
            : description.getInfo().getNextActionTimes().stream()
                .limit(NEXT_RUNS)
                .map(t -> at(t, zone))
                .toList();
    List<ScheduleView.Run> recent =
        description.getInfo().getRecentActions().stream().map(action -> run(action, zone)).toList();
    return new ScheduleView(
        scheduleId,
        memo(description::getMemo, ScheduleMemo.CRON),
        zone,
        memo(description::getMemo, ScheduleMemo.PROMPT),
        paused,
        memo(description::getMemo, ScheduleMemo.CREATED_AT),
        next,
        recent);
  }

  /**
   * Visibility may list a schedule before it has its state and info (just created): it then reads
   * as unpaused.
   */
  private static SchedulePage.Summary summary(ScheduleListDescription entry) {
    String zone = memo(entry::getMemo, ScheduleMemo.TIMEZONE);
    boolean paused =
        entry.getSchedule() != null
            && entry.getSchedule().getState() != null
            && entry.getSchedule().getState().isPaused();
    List<Instant> next = entry.getInfo() == null ? List.of() : entry.getInfo().getNextActionTimes();
    return new SchedulePage.Summary(
        scheduleIdOf(entry.getScheduleId()),
        memo(entry::getMemo, ScheduleMemo.CRON),
        zone,
        paused,
        memo(entry::getMemo, ScheduleMemo.CREATED_AT),
        paused || next.isEmpty() ? null : at(next.get(0), zone));
  }

  private static ScheduleView.Run run(ScheduleActionResult result, String zone) {
    String sessionId =
        result.getAction() instanceof ScheduleActionExecutionStartWorkflow started
            ? ScheduleIds.sessionIdOfRun(started.getWorkflowId())
            : null;
    return new ScheduleView.Run(
        sessionId, at(result.getScheduledAt(), zone), at(result.getStartedAt(), zone));
  }

  /**
   * The schedule id at the end of its Temporal id ({@link ScheduleIds#temporalId}): a UUID, 36
   * characters.
   */
  private static String scheduleIdOf(String temporalId) {
    return temporalId.substring(temporalId.length() - 36);
  }

  private static String at(Instant instant, String zone) {
    return instant == null
        ? null
        : DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(instant.atZone(ZoneId.of(zone)));
  }

  /** A string of the memo; a description and a list entry read their memo alike. */
  private static String memo(MemoReader reader, String key) {
    return reader.read(key, String.class, String.class);
  }

  @FunctionalInterface
  private interface MemoReader {
    String read(String key, Class<String> type, java.lang.reflect.Type genericType);
  }

  /**
   * A create Temporal refused for its input: its time zone (Temporal's zone database may lack one
   * Java has) or its cron (checked here first, so only a disagreement between the two parsers
   * reaches this); anything else, 503.
   */
  private static RuntimeException refusedOrUnavailable(RuntimeException e) {
    StatusRuntimeException grpc = grpcCause(e);
    if (grpc != null && grpc.getStatus().getCode() == Status.Code.INVALID_ARGUMENT) {
      String message = String.valueOf(grpc.getStatus().getDescription());
      return message.toLowerCase(java.util.Locale.ROOT).contains("zone")
          ? new InvalidInputException("timezone", "is not a time zone the orchestrator knows")
          : new InvalidInputException("cron", "is refused by the orchestrator");
    }
    return BoundedCalls.unavailable(e);
  }

  private static boolean notFound(RuntimeException e) {
    StatusRuntimeException grpc = grpcCause(e);
    return grpc != null && grpc.getStatus().getCode() == Status.Code.NOT_FOUND;
  }

  private static StatusRuntimeException grpcCause(Throwable e) {
    for (Throwable cause = e; cause != null; cause = cause.getCause()) {
      if (cause instanceof StatusRuntimeException grpc) {
        return grpc;
      }
    }
    return null;
  }
}
