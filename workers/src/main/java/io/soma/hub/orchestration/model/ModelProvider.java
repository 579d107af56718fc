package io.soma.hub.orchestration.model;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Consumer;

/**
 * Answers a prompt. Failures are Temporal application failures (retryable or not), carried by the
 * future. Cancelling the future abandons the call, so an activity that is told to stop does not
 * leave it running.
 */
public interface ModelProvider {

  CompletableFuture<ModelReply> completeAsync(String prompt);

  /**
   * Answers the last user message of a conversation, the earlier messages as its context. A
   * provider without a notion of context answers the last message alone.
   */
  default CompletableFuture<ModelReply> converseAsync(List<ChatMessage> messages) {
    return completeAsync(messages.get(messages.size() - 1).content());
  }

  /**
   * Like {@link #converseAsync}, also handing each piece of the reply to {@code pieces} as the
   * provider produces it, in order, from any thread; the pieces joined are the reply. A provider
   * that cannot stream hands over the whole reply as one piece. Cancelling the returned future
   * abandons the call, as for {@link #converseAsync}.
   */
  default CompletableFuture<ModelReply> streamAsync(
      List<ChatMessage> messages, Consumer<String> pieces) {
    CompletableFuture<ModelReply> call = converseAsync(messages);
    CompletableFuture<ModelReply> streamed =
        call.thenApply(
            reply -> {
              pieces.accept(reply.reply());
              return reply;
            });
    // A dependent's cancellation does not reach the future it depends on: pass it on, so the call
    // stops.
    streamed.whenComplete(
        (ignored, failure) -> {
          if (failure != null && !call.isDone()) {
            call.cancel(true);
          }
        });
    return streamed;
  }

  /** Waits for the reply in the calling thread; failures are thrown as they are. */
  default ModelReply complete(String prompt) {
    try {
      return completeAsync(prompt).join();
    } catch (CompletionException e) {
      if (e.getCause() instanceof RuntimeException failure) {
        throw failure;
      }
      throw e;
    }
  }
}
