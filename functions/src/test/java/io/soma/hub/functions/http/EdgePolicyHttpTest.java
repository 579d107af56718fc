package io.soma.hub.functions.http;

import static io.soma.hub.functions.support.RawHttp.bytes;
import static io.soma.hub.functions.support.RawHttp.headers;
import static org.assertj.core.api.Assertions.assertThat;

import io.soma.hub.functions.support.GatewayTestConfiguration;
import io.soma.hub.functions.support.RawHttp;
import io.soma.hub.functions.support.RawHttp.Answer;
import io.soma.hub.functions.support.TemporalTestServer;
import io.soma.hub.functions.support.TestTokens;
import io.temporal.testing.TestWorkflowEnvironment;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;

/**
 * The edge policy over raw sockets: every class of input an attacker sent (malformed media types,
 * multipart without a boundary, bytes that are not UTF-8, escapes that spell what UTF-8 cannot,
 * ambiguous headers, sizes over the limits) is a 4xx problem that starts nothing, and no answer is
 * a 5xx.
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "HUB_JWT_SECRET=" + TestTokens.SECRET,
      "HUB_DB_URL=jdbc:h2:mem:edge-policy;DB_CLOSE_DELAY=-1;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE"
    })
@Import(GatewayTestConfiguration.class)
class EdgePolicyHttpTest {

  static final String TOKEN =
      TestTokens.hs256(
          "acme",
          "ann",
          "sessions:write",
          "sessions:read",
          "memory:write",
          "memory:read",
          "campaigns:write",
          "wizards:write",
          "memory:refresh");
  static final String AUTH = "Authorization: Bearer " + TOKEN;
  static final String SESSION = "{\"prompt\":\"Plan a launch\"}";

  @LocalServerPort int port;
  @Autowired TestWorkflowEnvironment temporal;
  RawHttp http;
  long sessionsBefore;

  @BeforeEach
  void client() {
    http = new RawHttp(port);
    sessionsBefore = TemporalTestServer.startedSessions(temporal);
  }

  @AfterEach
  void nothingStartedAndNoServerError() {
    assertThat(TemporalTestServer.startedSessions(temporal)).isEqualTo(sessionsBefore);
    Answer metrics = http.send(bytes("GET /metrics HTTP/1.1"), List.of(), null);
    assertThat(metrics.body()).contains("gateway_server_errors_total 0.0");
  }

  static Stream<Arguments> refused() {
    return Stream.of(
        // Content-Type: malformed is 400, well-formed but not JSON in UTF-8 is 415, on every route.
        post(
            "/v1/sessions",
            "Content-Type: application/json; charset=nope",
            SESSION,
            415,
            "charset nope"),
        post(
            "/v1/sessions",
            "Content-Type: application/json; boundary=x",
            SESSION,
            415,
            "parameter boundary"),
        post("/v1/sessions", "Content-Type: */*", SESSION, 415, "must be application/json"),
        post(
            "/v1/sessions",
            "Content-Type: application/json; charset",
            SESSION,
            400,
            "not a media type"),
        post(
            "/v1/sessions",
            "Content-Type: application/json; charset=\"utf-8",
            SESSION,
            400,
            "not a media type"),
        post("/v1/sessions", "Content-Type: ;;;", SESSION, 400, "not a media type"),
        post("/nope", "Content-Type: ;;;", "{}", 400, "not a media type"),
        post(
            "/v1/status",
            "Content-Type: application/json; charset=nope",
            SESSION,
            415,
            "charset nope"),
        // multipart/form-data without a boundary used to fail with 500 everywhere, /health
        // included.
        post("/health", "Content-Type: multipart/form-data", "x", 415, "must be application/json"),
        post(
            "/v1/sessions",
            "Content-Type: multipart/form-data",
            "x",
            415,
            "must be application/json"),
        request(
            "POST /health HTTP/1.1",
            List.of("Content-Type: multipart/form-data", "Content-Length: 0"),
            null,
            405,
            "method not allowed"),
        // Bytes that are not UTF-8, and escapes that spell what no store gives back.
        post(
            "/v1/memory",
            "Content-Type: application/json",
            "{\"key\":\"a\u00c0\u00aeb\",\"value\":\"v\"}",
            400,
            "not valid UTF-8"),
        post(
            "/v1/sessions",
            "Content-Type: application/json",
            "{\"prompt\":\"\u00ed\u00a0\u0080\"}",
            400,
            "not valid UTF-8"),
        post(
            "/v1/memory",
            "Content-Type: application/json",
            "{\"key\":\"ab\",\"value\":\"\\ud800\"}",
            400,
            "lone surrogate"),
        post(
            "/v1/memory",
            "Content-Type: application/json",
            "{\"key\":\"ab\",\"value\":{\"a\\udc00\":1}}",
            400,
            "lone surrogate"),
        post(
            "/v1/memory",
            "Content-Type: application/json",
            "{\"key\":\"ab\",\"value\":\"a\\u0000b\"}",
            400,
            "U+0000"),
        post(
            "/v1/sessions",
            "Content-Type: application/json",
            "{\"prompt\":\"a\",\"prompt\":\"b\"}",
            400,
            "uplicate"),
        post(
            "/v1/sessions",
            "Content-Type: application/json",
            "{\"prompt\":\"x\",\"metadata\":" + "[".repeat(40) + "]".repeat(40) + "}",
            400,
            "depth"),
        request("GET /v1/status?x=%C0%AE HTTP/1.1", List.of(AUTH), null, 400, "query"),
        request("GET /v1/status?x=%zz HTTP/1.1", List.of(AUTH), null, 400, "query"),
        request("GET /v1/sessions/%C0%AE HTTP/1.1", List.of(AUTH), null, 400, ""),
        request("GET /v1/sessions/\u00c0\u00ae HTTP/1.1", List.of(AUTH), null, 400, ""),
        // Spring Security's firewall: an encoded percent or period, a backslash.
        request(
            "GET /v1/memory/a%25b HTTP/1.1", List.of(AUTH), null, 400, "the request was refused"),
        request(
            "GET /v1/memory/a%2e%2e HTTP/1.1", List.of(AUTH), null, 400, "the request was refused"),
        request(
            "POST /v1/sessions HTTP/1.1",
            List.of(
                AUTH,
                "Content-Type: application/json",
                "Idempotency-Key: k\u00c3\u00a9",
                "Content-Length: " + SESSION.length()),
            SESSION,
            400,
            "Idempotency-Key must be visible ASCII"),
        // Ambiguous requests.
        request(
            "GET /v1/status HTTP/1.1",
            List.of(AUTH, "Authorization: Bearer x"),
            null,
            400,
            "Authorization is sent 2 times"),
        request(
            "POST /v1/sessions HTTP/1.1",
            List.of(
                AUTH,
                "Content-Type: application/json",
                "Content-Type: text/plain",
                "Content-Length: " + SESSION.length()),
            SESSION,
            400,
            "Content-Type is sent"),
        request(
            "POST /v1/sessions HTTP/1.1",
            List.of(
                AUTH, "Content-Type: application/json", "Content-Length: 26", "Content-Length: 27"),
            SESSION,
            400,
            ""),
        // Sizes.
        request(
            "GET /v1/status?" + "a".repeat(EdgeLimits.MAX_URL_BYTES) + " HTTP/1.1",
            List.of(AUTH),
            null,
            414,
            "URL is longer"),
        request(
            "GET /v1/status HTTP/1.1",
            List.of(AUTH, "X-Big: " + "a".repeat(EdgeLimits.MAX_HEADER_BYTES)),
            null,
            431,
            "headers are over"),
        request(
            "GET /v1/status HTTP/1.1",
            List.of(AUTH, "X-Big: " + "a".repeat(70_000)),
            null,
            400,
            ""),
        request(
            "POST /v1/sessions HTTP/1.1",
            List.of(
                AUTH,
                "Content-Type: application/json",
                "Content-Length: " + (EdgeLimits.MAX_BODY_BYTES + 1)),
            "x".repeat(EdgeLimits.MAX_BODY_BYTES + 1),
            413,
            "larger than 64 KiB"),
        request(
            "POST /v1/sessions HTTP/1.1",
            List.of(AUTH, "Content-Type: application/json", "Transfer-Encoding: chunked"),
            chunked("{\"prompt\":\"" + "x".repeat(EdgeLimits.MAX_BODY_BYTES) + "\"}"),
            413,
            "larger than 64 KiB"));
  }

  @ParameterizedTest
  @MethodSource
  void refused(
      String requestLine, List<String> headerLines, String body, int status, String detail) {
    Answer answer =
        http.send(
            bytes(requestLine),
            headers(headerLines.toArray(String[]::new)),
            body == null ? null : bytes(body));

    assertThat(answer.status()).as(answer.body()).isEqualTo(status);
    assertThat(answer.header("Content-Type")).startsWith("application/problem+json");
    assertThat(answer.json().get("status").asInt()).isEqualTo(status);
    assertThat(answer.json().get("detail").asString()).contains(detail);
    assertThat(answer.json().get("request_id").asString())
        .isEqualTo(answer.header("X-Request-Id"))
        .isNotBlank();
  }

  @Test
  void headWorksWhereGetDoesWithoutABody() {
    Answer head = http.send(bytes("HEAD /v1/status HTTP/1.1"), headers(AUTH), null);
    Answer options = http.send(bytes("OPTIONS /v1/sessions/abc HTTP/1.1"), headers(AUTH), null);
    Answer delete = http.send(bytes("DELETE /v1/status HTTP/1.1"), headers(AUTH), null);
    Answer query = http.send(bytes("QUERY /v1/status HTTP/1.1"), headers(AUTH), null);
    Answer unknown = http.send(bytes("BREW /v1/sessions HTTP/1.1"), headers(AUTH), null);

    assertThat(head.status()).isEqualTo(200);
    assertThat(head.body()).isEmpty();
    assertThat(head.header("Content-Type")).startsWith("application/json");
    assertThat(options.status()).isEqualTo(204);
    assertThat(options.header("Allow")).isEqualTo("GET, HEAD, OPTIONS");
    assertThat(delete.status()).isEqualTo(405);
    assertThat(delete.header("Allow")).isEqualTo("GET, HEAD, OPTIONS");
    assertThat(query.status()).as(query.body()).isEqualTo(405);
    assertThat(query.header("Allow")).isEqualTo("GET, HEAD, OPTIONS");
    assertThat(unknown.status()).as(unknown.body()).isEqualTo(405);
    assertThat(unknown.header("Allow")).isEqualTo("POST, GET, HEAD, OPTIONS");
  }

  @Test
  void aLiteralPathWinsOverATemplate() {
    Answer options = http.send(bytes("OPTIONS /v1/memory/search HTTP/1.1"), headers(AUTH), null);
    Answer get = http.send(bytes("GET /v1/memory/refresh HTTP/1.1"), headers(AUTH), null);
    String remember = "{\"key\":\"search\",\"value\":1}";
    Answer reserved =
        http.send(
            bytes("POST /v1/memory HTTP/1.1"),
            headers(AUTH, "Content-Type: application/json", "Content-Length: " + remember.length()),
            bytes(remember));

    assertThat(options.header("Allow")).isEqualTo("POST, OPTIONS");
    assertThat(get.status()).isEqualTo(405);
    assertThat(get.header("Allow")).isEqualTo("POST, OPTIONS");
    assertThat(reserved.status()).isEqualTo(400);
    assertThat(reserved.json().get("field").asString()).isEqualTo("key");
  }

  @Test
  void theOpenApiDocumentIsAnonymousJsonWithHead() {
    Answer get = http.send(bytes("GET /openapi.json HTTP/1.1"), headers(), null);
    Answer head = http.send(bytes("HEAD /openapi.json HTTP/1.1"), headers(), null);
    Answer post =
        http.send(bytes("POST /openapi.json HTTP/1.1"), headers("Content-Length: 0"), null);

    assertThat(get.status()).isEqualTo(200);
    assertThat(get.header("Content-Type")).startsWith("application/json");
    assertThat(get.json().get("openapi").asString()).isEqualTo("3.1.0");
    assertThat(get.json().at("/paths/~1v1~1sessions/post/operationId").asString())
        .isEqualTo("createSession");
    assertThat(head.status()).isEqualTo(200);
    assertThat(head.body()).isEmpty();
    assertThat(post.status()).isEqualTo(405);
    assertThat(post.header("Allow")).isEqualTo("GET, HEAD, OPTIONS");
  }

  @Test
  void everyAnswerCarriesItsRequestId() {
    Answer given =
        http.send(bytes("GET /v1/status HTTP/1.1"), headers(AUTH, "X-Request-Id: trace-42"), null);
    Answer forged = http.send(bytes("GET /nope HTTP/1.1"), headers("X-Request-Id: a b\tc"), null);

    assertThat(given.header("X-Request-Id")).isEqualTo("trace-42");
    assertThat(forged.header("X-Request-Id")).matches("[0-9a-f-]{36}");
    assertThat(forged.json().get("request_id").asString()).isEqualTo(forged.header("X-Request-Id"));
  }

  @Test
  void aJsonBodyWithCharsetUtf8AndPlusJsonIsTaken() {
    String search = "{\"query\":\"hi\"}";
    Answer charset =
        http.send(
            bytes("POST /v1/memory/search HTTP/1.1"),
            headers(
                AUTH,
                "Content-Type: application/json; charset=\"UTF-8\"",
                "Content-Length: " + search.length()),
            bytes(search));
    Answer plusJson =
        http.send(
            bytes("POST /v1/memory/search HTTP/1.1"),
            headers(
                AUTH,
                "Content-Type: application/merge-patch+json",
                "Content-Length: " + search.length()),
            bytes(search));

    assertThat(charset.status()).as(charset.body()).isEqualTo(200);
    assertThat(plusJson.status()).as(plusJson.body()).isEqualTo(200);
  }

  private static Arguments post(
      String path, String contentType, String body, int status, String detail) {
    return request(
        "POST " + path + " HTTP/1.1",
        List.of(AUTH, contentType, "Content-Length: " + bytes(body).length),
        body,
        status,
        detail);
  }

  private static Arguments request(
      String line, List<String> headers, String body, int status, String detail) {
    return Arguments.of(line, new ArrayList<>(headers), body, status, detail);
  }

  private static String chunked(String body) {
    return Integer.toHexString(body.length()) + "\r\n" + body + "\r\n0\r\n\r\n";
  }
}
