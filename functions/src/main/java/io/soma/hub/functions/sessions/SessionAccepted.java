package io.soma.hub.functions.sessions;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.util.List;

/**
 * Output of {@code createSession}. {@code replayed} is true when an Idempotency-Key matched an
 * earlier request and nothing new was started.
 */
public record SessionAccepted(
    String sessionId, String status, Moderation moderation, @JsonIgnore boolean replayed) {

  public record Moderation(
      int strikeCount, List<String> flaggedTerms, List<String> reasons, boolean bypassed) {}
}
