package io.soma.hub.telemetry.logs;

import java.util.List;
import java.util.Map;

/**
 * The MDC keys that travel to Loki as structured metadata: the hub's own ids, the ids the Temporal
 * SDK puts in the MDC of workflow and activity threads and the trace ids of the current span
 * ({@code TraceIdsInMdc}), renamed to the same snake_case. Ids are never labels: each value would
 * make a stream of its own.
 */
public final class LogKeys {

  public static final String TENANT_ID = "tenant_id";
  public static final String SESSION_ID = "session_id";
  public static final String WORKFLOW_ID = "workflow_id";

  /**
   * The id of one HTTP request at a function's edge: the caller's X-Request-Id when it is
   * well-formed.
   */
  public static final String REQUEST_ID = "request_id";

  /**
   * The gateway function a request at the edge is routed to, e.g. createSession ({@code ./hub logs
   * --function}).
   */
  public static final String FUNCTION = "function";

  /**
   * The Temporal SDK's MDC keys (io.temporal.internal.logging.LoggerTag) and the tracing keys of
   * Spring Boot's log pattern, with the names they are shipped under.
   */
  static final Map<String, String> RENAMES =
      Map.of(
          "WorkflowId", WORKFLOW_ID,
          "RunId", "run_id",
          "WorkflowType", "workflow_type",
          "ActivityType", "activity_type",
          "traceId", "trace_id",
          "spanId", "span_id");

  /** Every MDC key shipped as structured metadata; any other MDC entry stays out of Loki. */
  static final List<String> SHIPPED =
      List.of(
          TENANT_ID,
          SESSION_ID,
          WORKFLOW_ID,
          REQUEST_ID,
          FUNCTION,
          "WorkflowId",
          "RunId",
          "WorkflowType",
          "ActivityType",
          "traceId",
          "spanId");

  private LogKeys() {}
}
