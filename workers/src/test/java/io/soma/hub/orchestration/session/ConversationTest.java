package io.soma.hub.orchestration.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.soma.hub.orchestration.model.ChatMessage;
import io.soma.hub.orchestration.model.ModelProvider;
import io.soma.hub.orchestration.model.ModelReply;
import io.soma.hub.orchestration.model.OfflineModelProvider;
import io.temporal.api.enums.v1.EventType;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.testing.TestWorkflowExtension;
import io.temporal.testing.WorkflowReplayer;
import io.temporal.worker.Worker;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A session started in conversation mode stays open for messages, on Temporal's in-memory test
 * server.
 */
class ConversationTest {

  @RegisterExtension
  static final TestWorkflowExtension testWorkflow =
      TestWorkflowExtension.newBuilder()
          .registerWorkflowImplementationTypes(SessionWorkflowImpl.class)
          .setDoNotStart(true)
          .build();

  private final HubStoreFixture store = HubStoreFixture.migrated();
  private final RecordingProvider provider = new RecordingProvider();

  @Test
  void eachMessageIsAnsweredWithTheConversationSoFarAndCloseEndsIt(
      TestWorkflowEnvironment env, Worker worker, WorkflowClient client, WorkflowOptions options)
      throws Exception {
    worker.registerActivitiesImplementations(Sessions.activities(store, provider));
    env.start();
    SessionRequest request = conversation("Plan a launch.");

    WorkflowStub session = start(client, options, request);
    SessionWorkflow open = awaitWaiting(client, session);
    TurnReply second = open.message(new TurnMessage("Make it shorter.", "alice", null));
    awaitWaiting(client, session);
    TurnReply third = open.message(new TurnMessage("Now in French.", "alice", null));

    assertThat(second.turn()).isEqualTo(2);
    assertThat(third.turn()).isEqualTo(3);
    assertThat(provider.conversations.get(2))
        .as("the third turn's messages: the two turns before it, then the new message")
        .extracting(ChatMessage::role)
        .containsExactly("user", "assistant", "user", "assistant", "user");
    assertThat(provider.conversations.get(2).get(0).content()).isEqualTo("Plan a launch.");
    assertThat(store.turns().list(request.tenant(), request.sessionId()))
        .extracting(t -> t.turn() + ":" + t.content())
        .containsExactly("1:Plan a launch.", "2:Make it shorter.", "3:Now in French.");

    awaitWaiting(client, session);
    open.close();
    SessionResult result = session.getResult(SessionResult.class);
    assertThat(result.reply()).isEqualTo(third.reply());
    assertThat(result.steps()).allMatch(step -> step.status() == SessionStep.Status.COMPLETED);
    assertThat(store.auditPayload(request.sessionId() + ":session.completed"))
        .contains("\"turns\":\"3\"", "\"ended_by\":\"close\"");
    assertThat(store.slots().running(request.tenant())).isZero();
    WorkflowReplayer.replayWorkflowExecution(
        client.fetchHistory(session.getExecution().getWorkflowId()), SessionWorkflowImpl.class);
  }

  @Test
  void aMessageIsRefusedWhereNoConversationWaitsAndRecordsNothing(
      TestWorkflowEnvironment env, Worker worker, WorkflowClient client, WorkflowOptions options) {
    worker.registerActivitiesImplementations(
        Sessions.activities(store, new OfflineModelProvider()));
    env.start();
    SessionRequest oneShot = Sessions.request("Plan a launch.");
    WorkflowStub done = start(client, options, oneShot);
    done.getResult(SessionResult.class);
    SessionRequest request = conversation("Plan a launch.");
    WorkflowStub session = start(client, options, request);
    SessionWorkflow open = awaitWaiting(client, session);
    open.close();
    session.getResult(SessionResult.class);

    assertThatThrownBy(
            () ->
                client
                    .newWorkflowStub(SessionWorkflow.class, session.getExecution().getWorkflowId())
                    .message(new TurnMessage("Anyone there?", "alice", null)))
        .as("a closed conversation")
        .isInstanceOf(RuntimeException.class);
    assertThat(store.turns().list(request.tenant(), request.sessionId())).hasSize(1);
  }

  @Test
  void anIdleConversationEndsByItself(
      TestWorkflowEnvironment env, Worker worker, WorkflowClient client, WorkflowOptions options) {
    worker.registerActivitiesImplementations(
        Sessions.activities(store, new OfflineModelProvider()));
    env.start();
    SessionRequest request = conversation("Plan a launch.");

    WorkflowStub session = start(client, options, request);
    // Waiting for the result lets the test server skip the idle timeout's 30 minutes.
    session.getResult(SessionResult.class);

    assertThat(store.auditPayload(request.sessionId() + ":session.completed"))
        .contains("\"ended_by\":\"idle\"");
  }

  @Test
  void aLongConversationContinuesAsNewAndKeepsItsContext(
      TestWorkflowEnvironment env, Worker worker, WorkflowClient client, WorkflowOptions options) {
    worker.registerActivitiesImplementations(Sessions.activities(store, provider));
    env.start();
    SessionRequest request = conversation("Turn 1");
    WorkflowStub session = start(client, options, request);

    for (int turn = 2; turn <= SessionWorkflowImpl.TURNS_PER_RUN + 2; turn++) {
      TurnReply reply =
          awaitWaiting(client, session).message(new TurnMessage("Turn " + turn, "alice", null));
      assertThat(reply.turn()).isEqualTo(turn);
    }

    List<ChatMessage> last = provider.conversations.get(provider.conversations.size() - 1);
    assertThat(last).hasSize(2 * SessionWorkflowImpl.CONTEXT_TURNS + 1);
    assertThat(last.get(last.size() - 3).content())
        .isEqualTo("Turn " + (SessionWorkflowImpl.TURNS_PER_RUN + 1));
    WorkflowStub latest = client.newUntypedWorkflowStub(session.getExecution().getWorkflowId());
    assertThat(
            client
                .fetchHistory(
                    session.getExecution().getWorkflowId(), session.getExecution().getRunId())
                .getLastEvent()
                .getEventType())
        .isEqualTo(EventType.EVENT_TYPE_WORKFLOW_EXECUTION_CONTINUED_AS_NEW);
    assertThat(latest.describe().getMemo(SessionMemo.TENANT, String.class))
        .as("the new run keeps the memo the gateway checks the tenant by")
        .isEqualTo(request.tenant());
    awaitWaiting(client, latest).close();
    SessionResult result = latest.getResult(SessionResult.class);
    assertThat(result.reply()).isEqualTo(provider.replies.get(provider.replies.size() - 1));
    assertThat(store.auditPayload(request.sessionId() + ":session.completed"))
        .contains("\"turns\":\"" + (SessionWorkflowImpl.TURNS_PER_RUN + 2) + "\"");
  }

  private static SessionWorkflow awaitWaiting(WorkflowClient client, WorkflowStub session) {
    String workflowId = session.getExecution().getWorkflowId();
    await()
        .until(
            () ->
                SessionMemo.WAITING.equals(
                    client
                        .newUntypedWorkflowStub(workflowId)
                        .describe()
                        .getMemo(SessionMemo.CONVERSATION, String.class)));
    return client.newWorkflowStub(SessionWorkflow.class, workflowId);
  }

  private static SessionRequest conversation(String prompt) {
    SessionRequest base = Sessions.request(prompt);
    return new SessionRequest(
        base.sessionId(),
        base.tenant(),
        base.subject(),
        base.capabilities(),
        base.prompt(),
        base.capsuleId(),
        base.metadata(),
        null,
        SessionRequest.CONVERSATION);
  }

  private static WorkflowStub start(
      WorkflowClient client, WorkflowOptions options, SessionRequest request) {
    WorkflowStub stub =
        client.newUntypedWorkflowStub(
            SessionWorkflow.TYPE, Sessions.startOptions(options, request));
    stub.start(request);
    return stub;
  }

  /** Answers each turn from its last message, and keeps every conversation it was given. */
  static final class RecordingProvider implements ModelProvider {

    final List<List<ChatMessage>> conversations = new CopyOnWriteArrayList<>();
    final List<String> replies = new CopyOnWriteArrayList<>();

    @Override
    public CompletableFuture<ModelReply> completeAsync(String prompt) {
      return converseAsync(List.of(ChatMessage.user(prompt)));
    }

    @Override
    public CompletableFuture<ModelReply> converseAsync(List<ChatMessage> messages) {
      conversations.add(List.copyOf(messages));
      String reply = "Answer to: " + messages.get(messages.size() - 1).content();
      replies.add(reply);
      return CompletableFuture.completedFuture(new ModelReply("recording", "test", reply));
    }
  }
}
