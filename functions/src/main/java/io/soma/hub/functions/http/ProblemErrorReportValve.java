package io.soma.hub.functions.http;

import java.io.IOException;
import java.util.Map;
import java.util.UUID;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.springframework.http.HttpStatus;

/**
 * Tomcat refuses some requests before any application code runs (an encoded slash or NUL in the
 * path, a malformed request line). This valve answers those with a problem body too, instead of
 * Tomcat's HTML page.
 */
public class ProblemErrorReportValve extends ErrorReportValve {

  @Override
  protected void report(Request request, Response response, Throwable throwable) {
    HttpStatus status = HttpStatus.resolve(response.getStatus());
    if (status == null
        || !status.isError()
        || response.isCommitted()
        || response.getContentWritten() > 0) {
      return;
    }
    try {
      // Refused before the edge policy gave the request its id: it gets one here, so every answer
      // has one.
      String requestId = response.getHeader(EdgePolicyFilter.REQUEST_ID_HEADER);
      if (requestId == null) {
        requestId = UUID.randomUUID().toString();
        response.setHeader(EdgePolicyFilter.REQUEST_ID_HEADER, requestId);
      }
      response.resetBuffer();
      response.setContentType(Problem.MEDIA_TYPE);
      response
          .getOutputStream()
          .write(
              new Problem(
                      status,
                      "the request was refused by the server: " + status.getReasonPhrase(),
                      null,
                      Map.of("request_id", requestId))
                  .toJson());
      response.finishResponse();
    } catch (IOException | IllegalStateException e) {
      // The client is gone or the response is already on its way; there is nobody left to tell.
    }
  }
}
