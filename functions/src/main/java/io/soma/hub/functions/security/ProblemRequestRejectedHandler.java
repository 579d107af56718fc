package io.soma.hub.functions.security;

import io.soma.hub.functions.http.Problem;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.http.HttpStatus;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.security.web.firewall.RequestRejectedHandler;

/**
 * A request Spring Security's firewall refuses (an encoded slash or percent, a backslash, {@code ;}
 * parameters) is a 400 problem that says why, with its request id, like every refusal of the edge;
 * the default handler answered a bare "bad request" through the container's error page.
 */
final class ProblemRequestRejectedHandler implements RequestRejectedHandler {

  @Override
  public void handle(
      HttpServletRequest request, HttpServletResponse response, RequestRejectedException rejected)
      throws IOException {
    new Problem(
            HttpStatus.BAD_REQUEST,
            "the request was refused: " + rejected.getMessage(),
            request.getRequestURI())
        .writeTo(response);
  }
}
