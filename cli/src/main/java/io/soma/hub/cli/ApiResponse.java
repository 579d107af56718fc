package io.soma.hub.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * One answer of the API: its status and its body exactly as it came, which {@code -o json} prints.
 */
record ApiResponse(int status, String body) {

  static final ObjectMapper JSON = new ObjectMapper();

  boolean isSuccess() {
    return status >= 200 && status < 300;
  }

  /** This answer when it is a 2xx, else the failure its problem describes. */
  ApiResponse requireSuccess() {
    if (isSuccess()) {
      return this;
    }
    throw Problem.decode(status, body).failure();
  }

  /** The body as JSON; a success that is not a JSON object is the hub's fault, not the caller's. */
  JsonNode json() {
    try {
      JsonNode node = JSON.readTree(body);
      if (node != null && node.isObject()) {
        return node;
      }
    } catch (JsonProcessingException notJson) {
      // answered below
    }
    throw new CliFailure(
        ExitCodes.HUB_FAILED,
        "the hub answered " + status + " with a body that is not a JSON object");
  }
}
