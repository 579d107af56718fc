package io.soma.hub.functions.sessions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import io.soma.hub.functions.errors.InvalidInputException;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class SessionCursorTest {

  private static final ByteString TOKEN =
      ByteString.copyFromUtf8("{\"CloseTime\":\"2026-12-06T10:00:00Z\"}");

  @Test
  void aCursorGivesBackItsTokenForTheSameFilter() {
    for (SessionView.Status status : new SessionView.Status[] {null, SessionView.Status.RUNNING}) {
      String cursor = SessionCursor.encode(status, TOKEN);
      assertThat(cursor).matches("[A-Za-z0-9_-]+");
      assertThat(SessionCursor.decode(cursor, status)).isEqualTo(TOKEN);
    }
  }

  @Test
  void aCursorOfAnotherFilterIsRefused() {
    String running = SessionCursor.encode(SessionView.Status.RUNNING, TOKEN);
    assertThatThrownBy(() -> SessionCursor.decode(running, null))
        .isInstanceOf(InvalidInputException.class);
    assertThatThrownBy(() -> SessionCursor.decode(running, SessionView.Status.FAILED))
        .isInstanceOf(InvalidInputException.class);
  }

  @Test
  void anythingNotMadeHereIsRefused() {
    String otherVersion =
        Base64.getUrlEncoder().withoutPadding().encodeToString(new byte[] {9, 0, 1, 2});
    for (String cursor :
        new String[] {"", "!!", "AQ", "AQA", "a=b", otherVersion, "A".repeat(2000)}) {
      assertThatThrownBy(() -> SessionCursor.decode(cursor, null))
          .as(cursor)
          .isInstanceOf(InvalidInputException.class);
    }
  }

  @Test
  void theListFilterQuotesOnlyConstantsAndEncodedKeywords() {
    assertThat(SessionLister.query("acme", null))
        .isEqualTo("WorkflowType = 'session-start-workflow' AND HubTenant = 'acme'");
    assertThat(SessionLister.query("o'brien", SessionView.Status.FAILED))
        .doesNotContain("o'brien")
        .endsWith("AND ExecutionStatus IN ('Failed', 'TimedOut', 'Terminated')");
  }
}
