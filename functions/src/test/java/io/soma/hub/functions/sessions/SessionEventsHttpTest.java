package io.soma.hub.functions.sessions;

import static io.soma.hub.functions.support.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import io.soma.hub.functions.support.GatewayTestConfiguration;
import io.soma.hub.functions.support.HttpCalls;
import io.soma.hub.functions.support.HttpCalls.Answer;
import io.soma.hub.functions.support.TestTokens;
import io.soma.hub.orchestration.session.SessionIds;
import io.soma.hub.store.SessionEvents;
import io.soma.hub.store.SessionEvents.NewEvent;
import io.temporal.testing.TestWorkflowEnvironment;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;

/**
 * GET /v1/sessions/{id}/events over real HTTP, against Temporal's test server without a worker
 * (sessions stay running until the test ends them) and the real hub store, into which the test
 * writes what a worker's model call writes. What a real worker writes is covered end to end.
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "HUB_JWT_SECRET=" + TestTokens.SECRET,
      "HUB_DB_URL=jdbc:h2:mem:session-events-http;DB_CLOSE_DELAY=-1;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE",
      "HUB_EVENT_STREAM_POLL=50ms",
      "HUB_EVENT_STREAM_HEARTBEAT=300ms"
    })
@Import(GatewayTestConfiguration.class)
class SessionEventsHttpTest {

  @LocalServerPort int port;
  @Autowired TestWorkflowEnvironment temporal;
  @Autowired SessionEvents store;
  HttpCalls http;
  final String ann = TestTokens.hs256("acme", "ann", "sessions:write", "sessions:read");
  final HttpClient client = HttpClient.newHttpClient();

  @BeforeEach
  void client() {
    http = new HttpCalls(port);
  }

  record Frame(String id, String event, String data, boolean comment) {}

  private String started() {
    Answer created = http.postJson("/v1/sessions", ann, "{\"prompt\":\"Plan a launch\"}");
    assertThat(created.status()).as(created.body()).isEqualTo(201);
    return created.json().get("session_id").asString();
  }

  private HttpResponse<InputStream> open(String id, String lastEventId) throws Exception {
    HttpRequest.Builder request = http.request("/v1/sessions/" + id + "/events", ann).GET();
    if (lastEventId != null) {
      request.header("Last-Event-ID", lastEventId);
    }
    return client.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
  }

  /**
   * Frames (comments too) until one matches {@code last} or the response ends; fails after 20 s.
   */
  private static List<Frame> readUntil(BufferedReader reader, Predicate<Frame> last)
      throws Exception {
    return CompletableFuture.supplyAsync(
            () -> {
              List<Frame> frames = new ArrayList<>();
              try {
                String id = null;
                String event = null;
                StringBuilder data = null;
                boolean comment = false;
                String line;
                while ((line = reader.readLine()) != null) {
                  if (line.isEmpty()) {
                    Frame frame =
                        new Frame(id, event, data == null ? null : data.toString(), comment);
                    frames.add(frame);
                    if (last.test(frame)) {
                      return frames;
                    }
                    id = null;
                    event = null;
                    data = null;
                    comment = false;
                  } else if (line.startsWith(":")) {
                    comment = true;
                  } else if (line.startsWith("id: ")) {
                    id = line.substring(4);
                  } else if (line.startsWith("event: ")) {
                    event = line.substring(7);
                  } else if (line.startsWith("data: ")) {
                    data = new StringBuilder(line.substring(6));
                  }
                }
                return frames;
              } catch (IOException e) {
                throw new IllegalStateException(e);
              }
            })
        .get(20, TimeUnit.SECONDS);
  }

  private static BufferedReader lines(HttpResponse<InputStream> response) {
    return new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8));
  }

  private static List<Frame> events(List<Frame> frames) {
    return frames.stream().filter(frame -> frame.event() != null).toList();
  }

  @Test
  void aRunningSessionStreamsItsEventsAsTheyAreWrittenThenItsEnd() throws Exception {
    String id = started();
    store.append("acme", id, List.of(new NewEvent("model.started", "{\"turn\":1,\"attempt\":1}")));

    HttpResponse<InputStream> response = open(id, null);
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type"))
        .hasValueSatisfying(type -> assertThat(type).startsWith("text/event-stream"));
    assertThat(response.headers().firstValue("Cache-Control")).contains("no-cache");
    BufferedReader reader = lines(response);

    List<Frame> first = readUntil(reader, frame -> "3".equals(frame.id()));
    assertThat(events(first))
        .extracting(Frame::id, Frame::event)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("1", "accepted"),
            org.assertj.core.groups.Tuple.tuple("2", "moderated"),
            org.assertj.core.groups.Tuple.tuple("3", "model.started"));
    assertThat(events(first).get(0).data()).isEqualTo("{\"session_id\":\"" + id + "\"}");

    List<Frame> quiet = readUntil(reader, Frame::comment);
    assertThat(quiet)
        .as("a heartbeat while nothing happens")
        .last()
        .extracting(Frame::comment)
        .isEqualTo(true);

    store.append(
        "acme",
        id,
        List.of(
            new NewEvent("token", "{\"text\":\"Hel\"}"),
            new NewEvent("token", "{\"text\":\"lo\"}")));
    List<Frame> tokens = events(readUntil(reader, frame -> "5".equals(frame.id())));
    assertThat(tokens)
        .extracting(Frame::data)
        .containsExactly("{\"text\":\"Hel\"}", "{\"text\":\"lo\"}");

    temporal
        .getWorkflowClient()
        .newUntypedWorkflowStub(SessionIds.workflowId(id))
        .terminate("ended by the test");
    List<Frame> end = events(readUntil(reader, frame -> "end".equals(frame.id())));
    assertThat(end)
        .last()
        .satisfies(
            frame -> {
              assertThat(frame.event()).isEqualTo("failed");
              assertThat(frame.data()).contains("\"status\":\"FAILED\"", "\"error\":");
            });
    assertThat(reader.readLine()).as("the response ends after the end").isNull();

    assertThat(open(id, "end").statusCode())
        .as("after the end: 204, EventSource stops")
        .isEqualTo(204);
  }

  @Test
  void aClientResumesAfterTheLastEventItReceived() throws Exception {
    String id = started();
    store.append(
        "acme",
        id,
        List.of(
            new NewEvent("model.started", "{}"),
            new NewEvent("token", "{\"text\":\"a\"}"),
            new NewEvent("token", "{\"text\":\"b\"}")));

    List<Frame> resumed = events(readUntil(lines(open(id, "4")), frame -> "5".equals(frame.id())));
    assertThat(resumed).extracting(Frame::id).containsExactly("5");

    List<Frame> afterModerated =
        events(readUntil(lines(open(id, "2")), frame -> "5".equals(frame.id())));
    assertThat(afterModerated).extracting(Frame::id).containsExactly("3", "4", "5");
  }

  @ParameterizedTest
  @ValueSource(strings = {"0", "-1", "abc", "1e3", "01", "9999999999", "END", "+3", "3.5"})
  void aLastEventIdTheStreamNeverSentIs400(String lastEventId) throws Exception {
    String id = started();
    HttpResponse<String> answer =
        client.send(
            http.request("/v1/sessions/" + id + "/events", ann)
                .header("Last-Event-ID", lastEventId)
                .GET()
                .build(),
            HttpResponse.BodyHandlers.ofString());

    assertProblem(
        new Answer(answer.statusCode(), answer.body(), answer.headers()), 400, "Last-Event-ID");
  }

  @Test
  void anotherTenantsOrAnUnknownSessionIsNotFoundAndAReaderCapabilityIsNeeded() throws Exception {
    String id = started();
    String globex = TestTokens.hs256("globex", "gil", "sessions:read");
    assertProblem(http.get("/v1/sessions/" + id + "/events", globex), 404, "no session");
    assertProblem(
        http.get("/v1/sessions/" + SessionIds.newSessionId() + "/events", ann), 404, "no session");
    String writerOnly = TestTokens.hs256("acme", "ann", "sessions:write");
    assertProblem(http.get("/v1/sessions/" + id + "/events", writerOnly), 403, "sessions:read");
  }

  @Test
  void headAnswersTheStreamsHeadersWithoutStreaming() throws Exception {
    String id = started();
    HttpResponse<String> head =
        client.send(
            http.request("/v1/sessions/" + id + "/events", ann)
                .method("HEAD", HttpRequest.BodyPublishers.noBody())
                .build(),
            HttpResponse.BodyHandlers.ofString());

    assertThat(head.statusCode()).isEqualTo(200);
    assertThat(head.headers().firstValue("Content-Type"))
        .hasValueSatisfying(type -> assertThat(type).startsWith("text/event-stream"));
    assertThat(head.body()).isEmpty();
  }
}
