package io.soma.hub.functions.security;

import io.soma.hub.functions.http.Problem;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;

/** 401 and 403 from the security filters, as problem details like every other error of the hub. */
final class ProblemAuthenticationHandlers implements AuthenticationEntryPoint, AccessDeniedHandler {

  @Override
  public void commence(
      HttpServletRequest request, HttpServletResponse response, AuthenticationException failure)
      throws IOException {
    boolean tokenPresented = request.getHeader("Authorization") != null;
    String detail = tokenPresented ? describe(failure) : "a bearer token is required";
    response.setHeader(
        "WWW-Authenticate", tokenPresented ? "Bearer error=\"invalid_token\"" : "Bearer");
    new Problem(HttpStatus.UNAUTHORIZED, detail, request.getRequestURI()).writeTo(response);
  }

  @Override
  public void handle(
      HttpServletRequest request, HttpServletResponse response, AccessDeniedException denied)
      throws IOException {
    new Problem(HttpStatus.FORBIDDEN, "access denied", request.getRequestURI()).writeTo(response);
  }

  /**
   * Nimbus and Spring phrase failures for developers; keep the useful part and drop the plumbing.
   */
  private static String describe(AuthenticationException failure) {
    String message = failure.getMessage() == null ? "" : failure.getMessage();
    String prefix = "An error occurred while attempting to decode the Jwt: ";
    if (message.startsWith(prefix)) {
      message = message.substring(prefix.length());
    }
    return message.isBlank()
        ? "the bearer token is not valid"
        : "the bearer token is not valid: " + message;
  }
}
