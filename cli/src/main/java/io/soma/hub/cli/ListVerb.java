package io.soma.hub.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * {@code list [--status S] [--limit N] [--all]}: GET /v1/sessions, one page, or every page with
 * {@code --all} (following {@code next_cursor}). With {@code -o json} one page is printed as it
 * came; every page is printed as one object of the same shape, {@code {"sessions": [...],
 * "next_cursor": null}}.
 */
final class ListVerb implements Verb {

  static final String STATUS = "--status";
  static final String LIMIT = "--limit";
  static final String ALL = "--all";
  private static final Set<String> STATUSES = Set.of("RUNNING", "COMPLETED", "FAILED", "CANCELLED");
  private static final int MAX_LIMIT = 100;

  @Override
  public String name() {
    return "list";
  }

  @Override
  public Arguments.Spec spec() {
    return Arguments.Spec.of(Set.of(STATUS, LIMIT), Set.of(ALL));
  }

  @Override
  public int run(Invocation call) {
    Arguments arguments = call.arguments();
    if (!arguments.positionals().isEmpty()) {
      throw CliFailure.usage("takes no words, got '" + arguments.positionals().get(0) + "'");
    }
    Optional<String> status = arguments.value(STATUS).map(ListVerb::status);
    Optional<Integer> limit = arguments.value(LIMIT).map(ListVerb::limit);
    boolean all = arguments.flag(ALL);

    HubClient hub = call.hub();
    List<ApiResponse> pages = new ArrayList<>();
    String cursor = null;
    do {
      ApiResponse page = hub.get("/v1/sessions" + query(status, limit, cursor)).requireSuccess();
      pages.add(page);
      String next = text(page.json().get("next_cursor"));
      if (next != null && next.equals(cursor)) {
        // A cursor that leads to itself would loop forever.
        throw new CliFailure(ExitCodes.HUB_FAILED, "the hub answered the same next_cursor twice");
      }
      cursor = next;
    } while (all && cursor != null);

    if (call.json()) {
      printJson(call, pages, all);
      return ExitCodes.OK;
    }
    List<JsonNode> sessions = sessions(pages);
    if (sessions.isEmpty()) {
      call.out().println("no sessions" + status.map(s -> " " + s).orElse(""));
    } else {
      Table table = new Table("SESSION", "STATUS", "CREATED", "ENDED");
      for (JsonNode session : sessions) {
        table.row(
            session.path("session_id").asText(),
            session.path("status").asText(),
            orDash(text(session.get("created_at"))),
            orDash(text(session.get("ended_at"))));
      }
      table.print(call.out());
    }
    if (cursor != null) {
      call.err().println("session list: there are more sessions; --all lists every page");
    }
    return ExitCodes.OK;
  }

  private static void printJson(Invocation call, List<ApiResponse> pages, boolean all) {
    if (!all) {
      call.printBody(pages.get(0));
      return;
    }
    ObjectNode merged = ApiResponse.JSON.createObjectNode();
    ArrayNode items = merged.putArray("sessions");
    sessions(pages).forEach(items::add);
    merged.putNull("next_cursor");
    call.out().println(merged);
  }

  private static List<JsonNode> sessions(List<ApiResponse> pages) {
    List<JsonNode> sessions = new ArrayList<>();
    for (ApiResponse page : pages) {
      page.json().path("sessions").forEach(sessions::add);
    }
    return sessions;
  }

  private static String query(Optional<String> status, Optional<Integer> limit, String cursor) {
    List<String> parameters = new ArrayList<>();
    status.ifPresent(s -> parameters.add("status=" + s));
    limit.ifPresent(n -> parameters.add("limit=" + n));
    if (cursor != null) {
      parameters.add("cursor=" + URLEncoder.encode(cursor, StandardCharsets.UTF_8));
    }
    return parameters.isEmpty() ? "" : "?" + String.join("&", parameters);
  }

  private static String status(String value) {
    String status = value.toUpperCase(Locale.ROOT);
    if (!STATUSES.contains(status)) {
      throw CliFailure.usage(
          STATUS + " takes RUNNING, COMPLETED, FAILED or CANCELLED, got '" + value + "'");
    }
    return status;
  }

  private static int limit(String value) {
    try {
      int limit = Integer.parseInt(value);
      if (limit >= 1 && limit <= MAX_LIMIT) {
        return limit;
      }
    } catch (NumberFormatException notANumber) {
      // answered below
    }
    throw CliFailure.usage(
        LIMIT + " takes a number from 1 to " + MAX_LIMIT + ", got '" + value + "'");
  }

  private static String text(JsonNode value) {
    return value == null || value.isNull() ? null : value.asText();
  }

  private static String orDash(String value) {
    return value == null ? "-" : value;
  }
}
