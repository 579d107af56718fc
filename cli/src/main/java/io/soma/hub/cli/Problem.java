package io.soma.hub.cli;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * An error answer of the API (an RFC 9457 problem, docs/api.md "Errors") read into the one line a
 * person needs: the HTTP status, what went wrong, and which field and rule when the API names them.
 * Tolerant: a proxy's HTML page or an empty body still gives a line, with the status alone.
 */
record Problem(
    int httpStatus, String title, String detail, String field, String rule, String state) {

  static Problem decode(int httpStatus, String body) {
    JsonNode json = null;
    try {
      json = ApiResponse.JSON.readTree(body == null ? "" : body);
    } catch (java.io.IOException notJson) {
      // a body that is not a problem: the status alone speaks
    }
    if (json == null || !json.isObject()) {
      return new Problem(httpStatus, null, null, null, null, null);
    }
    return new Problem(
        httpStatus,
        text(json, "title"),
        text(json, "detail"),
        text(json, "field"),
        text(json, "rule"),
        // A 409 of cancel replaces the problem's numeric status with the session's state, e.g.
        // "COMPLETED".
        json.path("status").isTextual() ? json.get("status").asText() : null);
  }

  private static String text(JsonNode json, String name) {
    JsonNode value = json.get(name);
    return value == null || !value.isValueNode() || value.isNull() || value.asText().isBlank()
        ? null
        : value.asText();
  }

  /** E.g. {@code 400 prompt: must be 1 to 16000 characters and not blank (got 16001)}. */
  String oneLine() {
    StringBuilder line = new StringBuilder().append(httpStatus).append(' ');
    if (detail != null) {
      line.append(detail);
    } else if (title != null) {
      line.append(title);
    } else {
      line.append(
          httpStatus >= 500
              ? "the hub failed and gave no details"
              : "the hub refused the request and gave no details");
    }
    if (field != null && rule != null && !line.toString().contains(rule)) {
      line.append(" (").append(field).append(": ").append(rule).append(')');
    } else if (field != null && (detail == null || !detail.contains(field))) {
      line.append(" (field ").append(field).append(')');
    }
    if (state != null && !line.toString().contains(state)) {
      line.append(" (status ").append(state).append(')');
    }
    if (httpStatus == 401) {
      line.append("; HUB_TOKEN must be a token this hub accepts");
    }
    // One line, whatever the server wrote.
    return line.toString().replaceAll("\\s+", " ").strip();
  }

  /** 4xx: the API refused the request; anything else that is not a success is the hub's failure. */
  CliFailure failure() {
    int exitCode = httpStatus >= 400 && httpStatus < 500 ? ExitCodes.REFUSED : ExitCodes.HUB_FAILED;
    return new CliFailure(exitCode, oneLine());
  }
}
