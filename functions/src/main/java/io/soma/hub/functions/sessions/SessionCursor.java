package io.soma.hub.functions.sessions;

import com.google.protobuf.ByteString;
import io.soma.hub.functions.errors.InvalidInputException;
import java.nio.ByteBuffer;
import java.util.Base64;

/**
 * The opaque cursor of a session listing: Temporal's page token, with the status filter it was made
 * for, so that a cursor cannot be replayed against another filter. Base64url without padding. It
 * carries no tenant: the listing's query always names the caller's, so a cursor from another tenant
 * pages through nothing of theirs.
 */
final class SessionCursor {

  private static final byte VERSION = 1;

  /** Temporal's SQL visibility tokens are tens of bytes; anything this long was not made here. */
  static final int MAX_CHARS = 1024;

  private SessionCursor() {}

  static String encode(SessionView.Status status, ByteString pageToken) {
    ByteBuffer bytes = ByteBuffer.allocate(2 + pageToken.size());
    bytes.put(VERSION).put(statusByte(status)).put(pageToken.asReadOnlyByteBuffer());
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes.array());
  }

  /**
   * The page token, when this cursor was made by {@link #encode} for the same status; else a 400.
   */
  static ByteString decode(String cursor, SessionView.Status status) {
    if (cursor.isEmpty() || cursor.length() > MAX_CHARS) {
      throw invalid();
    }
    byte[] bytes;
    try {
      bytes = Base64.getUrlDecoder().decode(cursor);
    } catch (IllegalArgumentException e) {
      throw invalid();
    }
    if (bytes.length < 3 || bytes[0] != VERSION) {
      throw invalid();
    }
    if (bytes[1] != statusByte(status)) {
      throw new InvalidInputException("cursor", "belongs to a listing with another status filter");
    }
    return ByteString.copyFrom(bytes, 2, bytes.length - 2);
  }

  static InvalidInputException invalid() {
    return new InvalidInputException("cursor", "is not a cursor this listing gave");
  }

  private static byte statusByte(SessionView.Status status) {
    return (byte) (status == null ? 0 : status.ordinal() + 1);
  }
}
