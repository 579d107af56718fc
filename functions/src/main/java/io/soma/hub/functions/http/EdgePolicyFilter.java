package io.soma.hub.functions.http;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.soma.hub.telemetry.logs.LogKeys;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The edge policy of every function, before Spring Security and before any route: a request the hub
 * cannot read in exactly one way is answered with a 4xx problem and goes no further. It refuses an
 * ambiguous request (a header the hub reads sent twice; Tomcat itself refuses two Content-Lengths,
 * and reads a body with both Content-Length and Transfer-Encoding as chunked, RFC 9112 section 6.3,
 * closing the connection after it), a URL or header block over {@link EdgeLimits} (414, 431), a
 * query or a header the hub reads that is not strict UTF-8 or ASCII, a malformed Content-Type (400)
 * and a body that is not JSON in UTF-8 (415), a declared body over the limit (413). It also gives
 * each request its id ({@code X-Request-Id}, in the log lines and the answer) and counts and logs
 * every 5xx answered: those are the hub's own faults.
 */
public final class EdgePolicyFilter extends OncePerRequestFilter {

  public static final String REQUEST_ID_HEADER = "X-Request-Id";

  /**
   * The request's id as a request attribute, for the container's error dispatch, which this filter
   * does not see.
   */
  static final String REQUEST_ID_ATTRIBUTE = EdgePolicyFilter.class.getName() + ".requestId";

  private static final Logger log = LoggerFactory.getLogger(EdgePolicyFilter.class);
  private static final Pattern REQUEST_ID = Pattern.compile("[A-Za-z0-9._:-]{1,128}");

  /** Headers the hub reads: each at most once, and visible ASCII only. */
  private static final List<String> READ_ONCE =
      List.of(
          "Authorization",
          "Content-Type",
          "Content-Length",
          "Transfer-Encoding",
          "Idempotency-Key",
          REQUEST_ID_HEADER,
          "Host",
          "Last-Event-ID");

  private final Counter serverErrors;

  public EdgePolicyFilter(MeterRegistry registry) {
    this.serverErrors =
        Counter.builder("gateway.server.errors")
            .description(
                "Answers with a 5xx status: the hub's own faults, each also logged with its request id")
            .register(registry);
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    String requestId = requestId(request);
    MDC.put(LogKeys.REQUEST_ID, requestId);
    request.setAttribute(REQUEST_ID_ATTRIBUTE, requestId);
    response.setHeader(REQUEST_ID_HEADER, requestId);
    boolean thrown = false;
    try {
      Optional<Problem> refusal = refusal(request);
      if (refusal.isPresent()) {
        refusal.get().writeTo(response);
        return;
      }
      chain.doFilter(request, response);
    } catch (ServletException | IOException | RuntimeException e) {
      thrown = true; // the container answers 500 after this filter has returned
      throw e;
    } finally {
      if (thrown || response.getStatus() >= 500) {
        serverErrors.increment();
        log.error(
            "Answered {} to {} {} (request id {})",
            thrown ? 500 : response.getStatus(),
            request.getMethod(),
            request.getRequestURI(),
            requestId);
      }
      MDC.remove(LogKeys.REQUEST_ID);
    }
  }

  @Override
  protected boolean shouldNotFilterErrorDispatch() {
    return true;
  }

  private static String requestId(HttpServletRequest request) {
    String given = request.getHeader(REQUEST_ID_HEADER);
    return given != null && REQUEST_ID.matcher(given).matches()
        ? given
        : UUID.randomUUID().toString();
  }

  private static Optional<Problem> refusal(HttpServletRequest request) {
    String path = request.getRequestURI();
    String query = request.getQueryString();
    if (path.length() + (query == null ? 0 : query.length() + 1) > EdgeLimits.MAX_URL_BYTES) {
      return problem(
          HttpStatus.URI_TOO_LONG,
          "the URL is longer than " + EdgeLimits.MAX_URL_BYTES + " bytes",
          null);
    }
    Optional<Problem> headers = headerRefusal(request, path);
    if (headers.isPresent()) {
      return headers;
    }
    if (query != null) {
      for (String pair : query.split("&", -1)) {
        if (StrictUtf8.percentDecode(pair).isEmpty()) {
          return problem(HttpStatus.BAD_REQUEST, "the query is not percent-encoded UTF-8", path);
        }
      }
    }
    return bodyRefusal(request, path);
  }

  private static Optional<Problem> headerRefusal(HttpServletRequest request, String path) {
    int count = 0;
    long bytes = 0;
    for (String name : Collections.list(request.getHeaderNames())) {
      for (String value : Collections.list(request.getHeaders(name))) {
        count++;
        bytes += name.length() + value.length() + 4;
      }
    }
    if (count > EdgeLimits.MAX_HEADER_COUNT || bytes > EdgeLimits.MAX_HEADER_BYTES) {
      return problem(
          HttpStatus.REQUEST_HEADER_FIELDS_TOO_LARGE,
          "the request's headers are over "
              + EdgeLimits.MAX_HEADER_COUNT
              + " fields or "
              + EdgeLimits.MAX_HEADER_BYTES
              + " bytes",
          path);
    }
    for (String name : READ_ONCE) {
      List<String> values = Collections.list(request.getHeaders(name));
      if (values.size() > 1) {
        return problem(
            HttpStatus.BAD_REQUEST,
            "the header "
                + name
                + " is sent "
                + values.size()
                + " times; the hub reads it only when it is sent once",
            path);
      }
      if (values.size() == 1 && !visibleAscii(values.get(0))) {
        return problem(
            HttpStatus.BAD_REQUEST, "the header " + name + " must be visible ASCII", path);
      }
    }
    return Optional.empty();
  }

  private static Optional<Problem> bodyRefusal(HttpServletRequest request, String path) {
    String header = request.getHeader("Content-Type");
    Optional<ContentType> contentType =
        header == null ? Optional.empty() : ContentType.parse(header);
    if (header != null && contentType.isEmpty()) {
      return problem(HttpStatus.BAD_REQUEST, "the Content-Type header is not a media type", path);
    }
    boolean hasBody =
        request.getContentLengthLong() > 0 || request.getHeader("Transfer-Encoding") != null;
    if (!hasBody) {
      return Optional.empty();
    }
    if (request.getContentLengthLong() > EdgeLimits.MAX_BODY_BYTES) {
      return problem(
          HttpStatus.CONTENT_TOO_LARGE,
          "the request body is larger than " + EdgeLimits.MAX_BODY_BYTES / 1024 + " KiB",
          path);
    }
    if (contentType.isEmpty()) {
      return problem(
          HttpStatus.UNSUPPORTED_MEDIA_TYPE,
          "the request body must be application/json; no Content-Type was sent",
          path);
    }
    return contentType
        .get()
        .refusalForJsonBody()
        .map(reason -> new Problem(HttpStatus.UNSUPPORTED_MEDIA_TYPE, reason, path));
  }

  private static boolean visibleAscii(String value) {
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if ((c < 0x20 && c != '\t') || c > 0x7e) {
        return false;
      }
    }
    return true;
  }

  private static Optional<Problem> problem(HttpStatus status, String detail, String path) {
    return Optional.of(new Problem(status, detail, path));
  }
}
