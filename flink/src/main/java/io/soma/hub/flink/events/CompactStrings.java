package io.soma.hub.flink.events;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;
import org.apache.flink.types.StringValue;

/**
 * Strings on the wire between operators: a length and one byte per character when every character
 * is Latin-1 (ids, sources, types and tenants nearly always are), else Flink's own string encoding.
 * Flink's StringSerializer writes and reads every string a character at a time through a
 * thread-local buffer, which was a tenth of the job's CPU.
 */
final class CompactStrings {

  private CompactStrings() {}

  /**
   * Length times two, plus one when Flink's encoding follows instead of Latin-1 bytes; -1 for null.
   */
  static void write(String value, DataOutputView out) throws IOException {
    if (value == null) {
      out.writeInt(-1);
      return;
    }
    // Latin-1 encoding copies a compact string's bytes (an intrinsic); any character above 0xFF
    // becomes a '?' (a surrogate pair one '?' for two characters), which the check below finds.
    // Faster than testing every character with charAt, which was a tenth of the source thread.
    byte[] latin1 = value.getBytes(StandardCharsets.ISO_8859_1);
    int length = value.length();
    if (latin1.length != length || !sameText(latin1, value)) {
      out.writeInt(length * 2 + 1);
      StringValue.writeString(value, out);
      return;
    }
    out.writeInt(length * 2);
    // Not out.writeBytes(value): Flink's DataOutputSerializer advances its position twice there.
    out.write(latin1);
  }

  /** Whether each '?' of the Latin-1 bytes stands for a '?' of the text, not a replaced one. */
  private static boolean sameText(byte[] latin1, String value) {
    for (int i = 0; i < latin1.length; i++) {
      if (latin1[i] == '?' && value.charAt(i) != '?') {
        return false;
      }
    }
    return true;
  }

  static String read(DataInputView in) throws IOException {
    int header = in.readInt();
    if (header < 0) {
      return null;
    }
    if ((header & 1) == 1) {
      return StringValue.readString(in);
    }
    byte[] latin1 = new byte[header >>> 1];
    in.readFully(latin1);
    return new String(latin1, StandardCharsets.ISO_8859_1);
  }

  static void copy(DataInputView in, DataOutputView out) throws IOException {
    int header = in.readInt();
    out.writeInt(header);
    if (header < 0) {
      return;
    }
    if ((header & 1) == 1) {
      StringValue.copyString(in, out);
    } else {
      out.write(in, header >>> 1);
    }
  }
}
