package io.soma.hub.e2e.bench;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The first call of each shipped function in the cold start benchmark, and the answer that means
 * the function served it. Where a call needs something that exists (a session, a wizard, a
 * campaign), it names one that does not: the 404 comes from the function's own lookup (in Temporal
 * or the hub store), so it has done the work a first real call does to get there.
 */
final class FirstCalls {

  /** Every function of the functions image, in the order the report lists them. */
  static final Map<String, ColdStart.Call> OF_FUNCTIONS = new LinkedHashMap<>();

  static final ColdStart.Call HELLO = new ColdStart.Call("GET", "/hello", null, 200);

  static {
    OF_FUNCTIONS.put("status", new ColdStart.Call("GET", "/v1/status", null, 200));
    OF_FUNCTIONS.put(
        "createSession",
        new ColdStart.Call("POST", "/v1/sessions", "{\"prompt\":\"Plan a launch\"}", 201));
    OF_FUNCTIONS.put(
        "getSession", new ColdStart.Call("GET", "/v1/sessions/cold-start-none", null, 404));
    OF_FUNCTIONS.put("listSessions", new ColdStart.Call("GET", "/v1/sessions?limit=5", null, 200));
    OF_FUNCTIONS.put(
        "cancelSession",
        new ColdStart.Call("POST", "/v1/sessions/cold-start-none/cancel", null, 404));
    OF_FUNCTIONS.put(
        "sendMessage",
        new ColdStart.Call(
            "POST", "/v1/sessions/cold-start-none/messages", "{\"content\":\"Hello\"}", 404));
    OF_FUNCTIONS.put(
        "closeSession",
        new ColdStart.Call("POST", "/v1/sessions/cold-start-none/close", null, 404));
    OF_FUNCTIONS.put(
        "sessionEvents",
        new ColdStart.Call("GET", "/v1/sessions/cold-start-none/events", null, 404));
    OF_FUNCTIONS.put(
        "callbackSecret", new ColdStart.Call("GET", "/v1/callbacks/secret", null, 200));
    OF_FUNCTIONS.put("listWizards", new ColdStart.Call("GET", "/v1/wizards", null, 200));
    OF_FUNCTIONS.put(
        "startWizard",
        new ColdStart.Call(
            "POST", "/v1/wizards/start", "{\"wizard_id\":\"marketing_campaign_v1\"}", 201));
    OF_FUNCTIONS.put(
        "getWizard", new ColdStart.Call("GET", "/v1/wizards/wiz-cold-start-none", null, 404));
    OF_FUNCTIONS.put(
        "answerWizard",
        new ColdStart.Call(
            "POST", "/v1/wizards/wiz-cold-start-none/answer", "{\"value\":\"x\"}", 404));
    OF_FUNCTIONS.put(
        "approveWizard",
        new ColdStart.Call("POST", "/v1/wizards/wiz-cold-start-none/approve", "{}", 404));
    OF_FUNCTIONS.put(
        "getCampaign", new ColdStart.Call("GET", "/v1/campaigns/cold-start-none", null, 404));
    OF_FUNCTIONS.put(
        "decideCampaign",
        new ColdStart.Call(
            "POST", "/v1/campaigns/cold-start-none/approval", "{\"approved\":true}", 404));
    OF_FUNCTIONS.put(
        "rememberMemory",
        // 201 the first time, 200 once the key exists.
        new ColdStart.Call(
            "POST",
            "/v1/memory",
            "{\"key\":\"launch-plan\",\"value\":\"twelve weeks\"}",
            Set.of(200, 201)));
    OF_FUNCTIONS.put(
        "recallMemory", new ColdStart.Call("GET", "/v1/memory/launch-plan", null, 200));
    OF_FUNCTIONS.put(
        "searchMemory",
        new ColdStart.Call("POST", "/v1/memory/search", "{\"query\":\"launch\"}", 200));
    OF_FUNCTIONS.put(
        "refreshMemory",
        new ColdStart.Call("POST", "/v1/memory/refresh", "{\"campaign\":\"cold-start\"}", 202));
    OF_FUNCTIONS.put(
        "createSchedule",
        // 409 once the tenant has as many schedules as its limit: the function has done a create's
        // work by then.
        new ColdStart.Call(
            "POST",
            "/v1/schedules",
            "{\"cron\":\"0 9 * * 1\",\"prompt\":\"Weekly plan\"}",
            Set.of(201, 409)));
    OF_FUNCTIONS.put("listSchedules", new ColdStart.Call("GET", "/v1/schedules", null, 200));
    String none = "/v1/schedules/00000000-0000-0000-0000-000000000000";
    OF_FUNCTIONS.put("getSchedule", new ColdStart.Call("GET", none, null, 404));
    OF_FUNCTIONS.put("pauseSchedule", new ColdStart.Call("POST", none + "/pause", null, 404));
    OF_FUNCTIONS.put("unpauseSchedule", new ColdStart.Call("POST", none + "/unpause", null, 404));
    OF_FUNCTIONS.put("deleteSchedule", new ColdStart.Call("DELETE", none, null, 404));
  }

  /** Capabilities covering every call above. */
  static final String CAPABILITIES =
      "sessions:write,sessions:read,campaigns:write,memory:write,memory:read,memory:refresh,wizards:write,"
          + "schedules:write,schedules:read";

  private FirstCalls() {}
}
